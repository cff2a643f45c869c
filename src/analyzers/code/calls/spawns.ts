// Process spawns per language: the command line (shell string or argv) a call starts.
import type { Arg, CallSite, V } from '../lang/model';
import type { Lang } from '../lang/model';
import { HOLE, asText } from '../lang/model';
import { argvLine, list, obj, shellText, str } from './values';

/** undefined: not a spawn. null: a spawn whose command is only known at run time. */
export function spawnLine(lang: Lang, c: CallSite): string | null | undefined {
  const k = c.callee;
  const a = c.args;
  const fromArgv = (first: Arg | undefined, rest: V[] | null): string | null => {
    const l = list(first);
    if (l) return argvLine(l);
    const s = str(first);
    if (s === null) return null;
    return rest ? argvLine([s, ...rest]) : shellText(s);
  };
  switch (lang) {
    case 'python':
      if (/^(os\.system|os\.popen|commands\.getoutput|commands\.getstatusoutput|subprocess\.getoutput|subprocess\.getstatusoutput|asyncio\.create_subprocess_shell|pty\.spawn)$/.test(k)) return shellText(str(a[0]));
      if (/^subprocess\.(run|call|check_call|check_output|Popen)$/.test(k)) return fromArgv(a[0] ?? c.kwargs.args, null);
      if (/^asyncio\.create_subprocess_exec$/.test(k)) return argvLine(a.map((x) => x.value()));
      if (/^os\.(execv|execvp|execve|execvpe|spawnv|spawnvp|spawnve|spawnvpe)$/.test(k)) return fromArgv(a[/^os\.spawn/.test(k) ? 2 : 1], null);
      if (/^os\.(execl|execlp|execle|execlpe)$/.test(k)) return argvLine(a.slice(1).map((x) => x.value()));
      return undefined;
    case 'javascript':
      if (/^child_process\.(exec|execSync)$/.test(k) || /^(shelljs|shell)\.exec$/.test(k) || /^(execa\.)?execaCommand(Sync)?$|^execa\.(command|commandSync)$/.test(k)) return shellText(str(a[0]));
      if (/^child_process\.(spawn|spawnSync|execFile|execFileSync)$|^(execa|execa\.execa|execa\.execaSync|execaSync|execa\.sync)$/.test(k)) {
        const opts = obj(a[2]) ?? obj(a[1]);
        const args = list(a[1]) ?? [];
        if (opts?.shell === true) return shellText([str(a[0]) ?? HOLE, ...args.map(asText)].join(' '));
        return fromArgv(a[0], args);
      }
      if (/^(\$|execa\.\$|zx\.\$|Bun\.\$|\$\.sync)$/.test(k) && c.tagged) return shellText(str(a[0]));
      if (/^Bun\.(spawn|spawnSync)$/.test(k)) return fromArgv(a[0], null) ?? argvLine((obj(a[0])?.cmd as V[] | undefined) ?? []);
      if (/^Deno\.Command$/.test(k)) return fromArgv(a[0], ((obj(a[1])?.args as V[] | undefined) ?? []));
      if (/^Deno\.run$/.test(k)) return argvLine((obj(a[0])?.cmd as V[] | undefined) ?? []);
      return undefined;
    case 'ruby':
      if (k === '`') return shellText(str(a[0]));
      if (/^(Kernel\.)?(system|exec|spawn)$|^Process\.spawn$/.test(k)) {
        const args = a.filter((x) => !x.text.startsWith('{') && !/^\w+:/.test(x.text));
        return args.length === 1 ? shellText(str(args[0])) : argvLine(args.map((x) => x.value()));
      }
      if (/^IO\.popen$|^Open3\.(capture2|capture2e|capture3|popen3|popen2|popen2e)$/.test(k)) return fromArgv(a[0], a.length > 1 && !a[1]!.text.startsWith('{') ? a.slice(1).map((x) => x.value()) : null);
      return undefined;
    case 'go':
      if (/^(os\/)?exec\.Command$/.test(k)) return argvLine(a.map((x) => x.value()));
      if (/^(os\/)?exec\.CommandContext$/.test(k)) return argvLine(a.slice(1).map((x) => x.value()));
      if (/^syscall\.Exec$/.test(k)) return fromArgv(a[1], null);
      return undefined;
    case 'php':
      if (/^(exec|shell_exec|system|passthru|popen|proc_open|`)$/.test(k)) return shellText(str(a[0]));
      return undefined;
  }
}

