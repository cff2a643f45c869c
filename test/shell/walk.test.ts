// The walker finds every simple command wherever bash would run it, with words resolved.
import { describe, expect, it } from 'vitest';
import { extractCommands, Scope } from '../../src/shell/walk';
import { pipeText } from '../../src/shell/stdin';

const argvs = (line: string, env: Record<string, string> | null = null) =>
  extractCommands(line, new Scope(env)).commands.map((c) => c.argv.map((w) => w.value));

describe('extractCommands', () => {
  it('visits every command of lists, pipelines, subshells and groups', () => {
    expect(argvs('a && b || c & d; (e; f) | { g; }')).toEqual([['a'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g']]);
  });

  it('visits control flow, functions and negation', () => {
    const got = argvs('if x; then y; else z; fi; for i in 1 2; do w $i; done; while q; do r; done; case $v in a) s;; esac; fn() { t; }; ! u');
    // The for body is judged once per listed value.
    expect(got.map((a) => a[0])).toEqual(['x', 'y', 'z', 'w', 'w', 'q', 'r', 's', 't', 'u']);
  });

  it('visits command and process substitutions, also inside strings and assignments', () => {
    const got = argvs('echo "$(rm -rf /a)" <(psql -c x) X=$(curl y) `wget z`');
    expect(got.map((a) => a[0]).sort()).toEqual(['curl', 'echo', 'psql', 'rm', 'wget']);
  });

  it('removes quotes, backslashes and decodes $\'..\' like bash', () => {
    expect(argvs(`c''url \\curl "a b" 'c d' $'\\x41\\n' e\\ f`)).toEqual([['curl', 'curl', 'a b', 'c d', 'A\n', 'e f']]);
  });

  it('resolves literal assignments made earlier in the line', () => {
    expect(argvs('X=--hard; git reset $X')).toEqual([['git', 'reset', '--hard']]);
    expect(argvs('export T=abc; curl -H "Authorization: Bearer $T" u')[0]).toContain('Authorization: Bearer abc');
  });

  it('keeps unknown values unresolved instead of guessing', () => {
    expect(argvs('rm -rf $DIR')).toEqual([['rm', '-rf', null]]);
    expect(argvs('X=$(date); echo $X')).toEqual([['date'], ['echo', null]]);
  });

  it('uses the environment when checking, where unset variables are empty', () => {
    expect(argvs('git reset $MODE x', { MODE: '--hard' })).toEqual([['git', 'reset', '--hard', 'x']]);
    expect(argvs('echo $NOPE x', {})).toEqual([['echo', 'x']]);
    expect(argvs('echo ${NOPE:-fallback}', {})).toEqual([['echo', 'fallback']]);
  });

  it('prefix assignments go to the command env, not to its own arguments', () => {
    const [c] = extractCommands('PGHOST=prod psql -h $PGHOST', new Scope(null)).commands;
    expect(c!.env).toEqual({ PGHOST: 'prod' });
    expect(c!.argv[2]!.value).toBeNull();
  });

  it('resolves static $(echo ...) and $(printf ...) used to hide a program name', () => {
    expect(argvs('$(printf r)m -rf /')[1]).toEqual(['rm', '-rf', '/']);
  });

  it('reads heredocs, here-strings and pipes into stdin', () => {
    const read = () => null;
    const hd = extractCommands("psql <<'EOF'\nDROP TABLE a;\nEOF\n", new Scope(null)).commands[0]!;
    expect(pipeText(hd, read)).toBe('DROP TABLE a;\n');
    const hs = extractCommands("psql <<< 'drop table b'", new Scope(null)).commands[0]!;
    expect(pipeText(hs, read)).toBe('drop table b\n');
    const piped = extractCommands("echo 'drop table c' | psql", new Scope(null)).commands[1]!;
    expect(pipeText(piped, read)).toBe('drop table c\n');
    const tabs = extractCommands('psql <<-EOF\n\tDROP TABLE d;\n\tEOF\n', new Scope(null)).commands[0]!;
    expect(pipeText(tabs, read)).toBe('DROP TABLE d;\n');
  });

  it('applies a heredoc after a pipeline to its last stage, and feeds the rest of the pipeline', () => {
    const cmds = extractCommands('a | cat <<EOF | sh\nrm -rf /\nEOF\n', new Scope(null)).commands;
    expect(cmds.map((c) => c.program)).toEqual(['a', 'cat', 'sh']);
    expect(pipeText(cmds[2]!, () => null)).toBe('rm -rf /\n');
  });

  it('expands known variables in unquoted heredocs only', () => {
    const s = new Scope({ T: 'users' });
    expect(pipeText(extractCommands('psql <<EOF\nDROP TABLE $T;\nEOF\n', s).commands[0]!, () => null)).toBe('DROP TABLE users;\n');
    expect(pipeText(extractCommands("psql <<'EOF'\nDROP TABLE $T;\nEOF\n", s).commands[0]!, () => null)).toBe('DROP TABLE $T;\n');
  });

  it('records redirections with their targets', () => {
    const [c] = extractCommands('cmd > out.txt 2>&1 < in.txt', new Scope(null)).commands;
    expect(c!.redirects.map((r) => [r.op, r.target?.value])).toEqual([['>', 'out.txt'], ['>&', '1'], ['<', 'in.txt']]);
    expect(c!.stdin).toEqual({ kind: 'file', path: 'in.txt' });
  });

  it('reports syntax errors instead of guessing', () => {
    expect(extractCommands('echo "unterminated', new Scope(null)).errors.length).toBeGreaterThan(0);
    expect(extractCommands('echo ok', new Scope(null)).errors).toEqual([]);
  });
});
