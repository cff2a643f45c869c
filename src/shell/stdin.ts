// What a command reads on stdin, when it can be known before running it:
// heredocs, here-strings, `< file`, and pipes from echo/printf/cat of literals.
import type { Command } from '../types';
import { decodeAnsiC } from './words';

export function pipeText(cmd: Command, readFile: (p: string) => string | null, depth = 0): string | null {
  const s = cmd.stdin;
  if (!s || depth > 4) return null;
  switch (s.kind) {
    case 'heredoc':
      return s.text;
    case 'herestring':
      return s.text;
    case 'file':
      return s.path === null ? null : readFile(s.path);
    case 'pipe':
      return s.producer ? producedText(s.producer, readFile, depth) : null;
  }
}

/** What a command prints on stdout, when it can be known (echo, printf, cat of files or stdin, tee). */
export function outputText(cmd: Command, readFile: (p: string) => string | null): string | null {
  return producedText(cmd, readFile, 0);
}

function producedText(p: Command, readFile: (p: string) => string | null, depth: number): string | null {
  const args = p.argv.slice(1);
  if (args.some((w) => w.value === null)) return null;
  const vals = args.map((w) => w.value!);
  switch (p.program) {
    case 'echo': {
      let i = 0;
      let newline = true;
      let escapes = false;
      while (i < vals.length && /^-[neE]+$/.test(vals[i]!)) {
        if (vals[i]!.includes('n')) newline = false;
        if (vals[i]!.includes('e')) escapes = true;
        i++;
      }
      const text = vals.slice(i).join(' ');
      return (escapes ? decodeAnsiC(text) : text) + (newline ? '\n' : '');
    }
    case 'printf': {
      if (!vals.length) return '';
      const [fmt, ...rest] = vals;
      let k = 0;
      // The format's backslash escapes (\x72, \n, \101) are decoded like $'...'; %b arguments too.
      return decodeAnsiC(fmt!.replace(/%%/g, '\0')).replace(/%[sbdq]/g, (m) => {
        const a = rest[k++] ?? '';
        return m === '%b' ? decodeAnsiC(a) : a;
      }).replace(/\0/g, '%');
    }
    case 'cat': {
      const files = vals.filter((v) => !v.startsWith('-') || v === '-');
      if (!files.length || files.includes('-')) return pipeText(p, readFile, depth + 1);
      const parts = files.map((f) => readFile(f));
      return parts.some((x) => x === null) ? null : parts.join('');
    }
    case 'tee':
      return pipeText(p, readFile, depth + 1);
    default:
      return null;
  }
}
