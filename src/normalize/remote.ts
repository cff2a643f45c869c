// Commands that run elsewhere or later: container runs (docker/podman run, compose exec/run,
// kubectl run/debug), remote shells (gcloud compute ssh --command, aws ssm send-command,
// az vm run-command), deferred runners (at/batch, crontab, tmux, screen). Each yields the command
// that will run, judged now. A container's bind mounts map its paths back to host paths, so
// `docker run -v ~:/data alpine rm -rf /data` is a delete of the home directory.
import type { Command, Word } from '../types';
import { shellQuote } from '../util/shell-quote';
import type { UnwrapStyle } from '../family-shape';
import { UNWRAP } from '../generated/unwrap.generated';

export type Later =
  | { kind: 'words'; argv: Word[]; via: string; remote?: string | null }
  | { kind: 'string'; text: string | null; via: string; remote?: string | null };

const w = (v: string): Word => ({ raw: shellQuote(v), value: v });

const DOCKER_RUN_VALUE = new Set(['-v', '--volume', '-e', '--env', '--env-file', '-w', '--workdir', '--name', '-p', '--publish', '--network', '--net', '-u', '--user',
  '--entrypoint', '--mount', '-l', '--label', '--label-file', '--platform', '--pull', '--restart', '-m', '--memory', '--cpus', '-h', '--hostname', '--add-host',
  '--device', '--cap-add', '--cap-drop', '--security-opt', '--log-driver', '--log-opt', '--ulimit', '--tmpfs', '--dns', '--expose', '--gpus', '--runtime',
  '--shm-size', '--stop-signal', '--cidfile', '--ipc', '--pid', '--uts', '-a', '--attach', '--link', '--volumes-from', '--cgroupns', '--health-cmd',
  '--memory-swap', '--cpu-shares', '--cpuset-cpus', '--group-add', '--detach-keys', '--stop-timeout', '--userns', '--isolation', '--dns-search', '--sysctl', '--index', '--profile']);

/** `-v SRC:DST[:ro]` and `--mount type=bind,source=SRC,target=DST`: container path -> host path. */
function mounts(vals: (string | null)[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < vals.length; i++) {
    const o = vals[i];
    const v = o === '-v' || o === '--volume' ? vals[i + 1] : o?.startsWith('--volume=') ? o.slice(9) : o?.startsWith('-v') && o.length > 2 ? o.slice(2) : null;
    if (v) {
      const [src, dst] = v.split(':');
      // Named volumes (no slash, not ~) live in docker's storage, not on a host path we judge.
      if (src && dst && (/^[~/.]/.test(src) || src.startsWith('$'))) m.set(dst.replace(/\/+$/, '') || '/', src);
    }
    const mt = o === '--mount' ? vals[i + 1] : o?.startsWith('--mount=') ? o.slice(8) : null;
    if (mt && /type=bind/.test(mt)) {
      const src = /(?:source|src)=([^,]+)/.exec(mt)?.[1];
      const dst = /(?:target|destination|dst)=([^,]+)/.exec(mt)?.[1];
      if (src && dst) m.set(dst.replace(/\/+$/, '') || '/', src);
    }
  }
  return m;
}

function mapPaths(argv: Word[], map: Map<string, string>): { argv: Word[]; mapped: boolean } {
  if (!map.size) return { argv, mapped: false };
  let mapped = false;
  const dsts = [...map.keys()].sort((a, b) => b.length - a.length);
  const out = argv.map((word) => {
    if (word.value === null) return word;
    let v = word.value;
    for (const d of dsts) {
      const re = new RegExp(`(^|[\\s'"=;&|(])${d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|$|[\\s'";&|)])`, 'g');
      if (re.test(v)) {
        v = v.replace(re, (_m, pre: string) => pre + map.get(d)!);
        mapped = true;
      }
    }
    return v === word.value ? word : w(v);
  });
  return { argv: out, mapped };
}

/** docker|podman|nerdctl [container] run [opts] IMAGE [CMD...]; compose exec|run [opts] SERVICE CMD... */
function containerRun(cmd: Command, p: string, compose: boolean): Later[] {
  const args = cmd.argv.slice(1);
  const vals = args.map((x) => x.value);
  let k = 0;
  while (k < vals.length && vals[k]?.startsWith('-')) k += /^(-H|--host|--context|-c|--config|-f|--file|-p|--project-name|--profile|--env-file|--project-directory|--ansi|--progress|-l|--log-level)$/.test(vals[k]!) ? 2 : 1;
  let isCompose = compose;
  if (!compose && vals[k] === 'compose') {
    isCompose = true;
    k++;
    while (k < vals.length && vals[k]?.startsWith('-')) k += /^(-f|--file|-p|--project-name|--profile|--env-file|--project-directory|--ansi|--progress)$/.test(vals[k]!) ? 2 : 1;
  }
  if (!isCompose && vals[k] === 'container') k++;
  const sub = vals[k];
  if (!(sub === 'run' || (isCompose && sub === 'exec'))) return [];
  k++;
  let entrypoint: string | null = null;
  for (; k < vals.length; k++) {
    const a = vals[k];
    if (a === null || a === undefined) return [{ kind: 'string', text: null, via: `${p} ${sub}` }];
    if (!a.startsWith('-')) break;
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (name === '--entrypoint') entrypoint = a.includes('=') ? a.slice(a.indexOf('=') + 1) : vals[k + 1] ?? null;
    if (DOCKER_RUN_VALUE.has(a)) k++;
  }
  const where = vals[k];
  if (where === undefined) return [];
  let inner = args.slice(k + 1);
  if (entrypoint) inner = [w(entrypoint), ...inner];
  if (!inner.length) return [];
  const label = `${isCompose ? 'compose' : p} ${sub} ${where ?? '?'}`;
  const { argv, mapped } = mapPaths(inner, mounts(vals.slice(0, k)));
  return [{ kind: 'words', argv, via: label, remote: mapped ? undefined : `${isCompose ? 'service' : 'container'} ${where ?? '?'}` }];
}

/** kubectl|oc run NAME ... -- CMD / kubectl debug ... -- CMD: a new pod runs CMD. */
function kubectlRun(cmd: Command): Later[] {
  const vals = cmd.argv.slice(1).map((x) => x.value);
  const sub = vals.find((v) => v !== null && !v.startsWith('-'));
  if (sub !== 'run' && sub !== 'debug') return [];
  const dd = vals.indexOf('--');
  if (dd < 0 || dd === vals.length - 1) return [];
  const name = vals[vals.indexOf(sub) + 1] ?? '?';
  return [{ kind: 'words', argv: cmd.argv.slice(dd + 2), via: `kubectl ${sub} ${name}`, remote: `pod ${name}` }];
}

function optValues(args: Word[], names: string[]): (string | null)[] {
  const out: (string | null)[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) continue;
    for (const n of names) {
      if (v === n) out.push(args[i + 1]?.value ?? null);
      else if (v.startsWith(n + '=')) out.push(v.slice(n.length + 1));
    }
  }
  return out;
}

function positionals(args: Word[]): (string | null)[] {
  return args.map((x) => x.value).filter((v) => v === null || !v.startsWith('-'));
}

/** gcloud compute ssh VM --command CMD; aws ssm send-command --parameters commands=[...]; az vm run-command invoke --scripts ... */
function cloudRemote(cmd: Command, style: UnwrapStyle): Later[] {
  const args = cmd.argv.slice(1);
  const pos = positionals(args);
  if (style === 'gcloud-ssh') {
    const i = pos.indexOf('ssh');
    if (i < 0 || !/^(compute|cloud-shell)$/.test(pos[i - 1] ?? '') && !(pos[i - 2] === 'compute' || pos[i - 1] === 'tpu-vm')) return [];
    const host = pos[i + 1] ?? '?';
    const out: Later[] = optValues(args, ['--command']).map((text) => ({ kind: 'string', text, via: `gcloud compute ssh ${host}`, remote: host }));
    const dd = args.findIndex((x) => x.value === '--');
    if (dd >= 0 && dd < args.length - 1) out.push({ kind: 'string', text: args.slice(dd + 1).some((x) => x.value === null) ? null : args.slice(dd + 1).map((x) => x.value).join(' '), via: `gcloud compute ssh ${host}`, remote: host });
    return out;
  }
  if (style === 'aws-ssm') {
    if (pos[0] !== 'ssm' || pos[1] !== 'send-command') return [];
    const host = optValues(args, ['--instance-ids', '--targets'])[0] ?? '?';
    const out: Later[] = [];
    for (const v of optValues(args, ['--parameters'])) {
      if (v === null) {
        out.push({ kind: 'string', text: null, via: 'aws ssm send-command', remote: host });
        continue;
      }
      for (const c of ssmCommands(v)) out.push({ kind: 'string', text: c, via: 'aws ssm send-command', remote: host });
    }
    return out;
  }
  if (style === 'az-run-command') {
    if (pos[0] !== 'vm' || pos[1] !== 'run-command') return [];
    const host = optValues(args, ['-n', '--name', '--vm-name'])[0] ?? '?';
    const out: Later[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i]!.value !== '--scripts' && args[i]!.value !== '--script') continue;
      for (let j = i + 1; j < args.length && !(args[j]!.value ?? '').startsWith('--'); j++) out.push({ kind: 'string', text: args[j]!.value, via: 'az vm run-command', remote: host });
    }
    return out;
  }
  return [];
}

/** `commands=["a","b"]`, `commands=a,b`, `{"commands":["a"]}`, `file://x.json` is unknown. */
export function ssmCommands(v: string): (string | null)[] {
  if (/^file:\/\//.test(v)) return [null];
  try {
    const j = JSON.parse(v) as { commands?: unknown };
    if (Array.isArray(j.commands)) return j.commands.map((c) => (typeof c === 'string' ? c : null));
  } catch {
    // shorthand syntax
  }
  const m = /commands=(\[.*\]|[^ ]*)/s.exec(v);
  if (!m) return [];
  const body = m[1]!;
  if (body.startsWith('[')) {
    try {
      const arr = JSON.parse(body) as unknown[];
      return arr.map((c) => (typeof c === 'string' ? c : null));
    } catch {
      return body.slice(1, -1).split(/",\s*"/).map((s) => s.replace(/^"|"$/g, ''));
    }
  }
  return body.split(',');
}

/** Lines of a crontab: the command after the five time fields (or @reboot...), env lines skipped. */
export function crontabCommands(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (!l || l.startsWith('#') || /^[A-Za-z_]\w*\s*=/.test(l)) continue;
    const m = /^@\w+\s+(.*)$/.exec(l) ?? /^(?:\S+\s+){5}(.*)$/.exec(l);
    if (m?.[1]) out.push(m[1].replace(/%/g, '\n'));
  }
  return out;
}

/** tmux send-keys keys...: the typed text, with Enter / C-m as line ends. */
function tmuxKeys(words: (string | null)[]): string | null {
  if (words.some((x) => x === null)) return null;
  return (words as string[]).map((k) => (/^(Enter|C-m|C-j|KPEnter)$/.test(k) ? '\n' : k)).join(' ').replace(/ \n/g, '\n');
}

function deferred(cmd: Command, p: string, stdinText: () => string | null, readFile: (f: string) => string | null): Later[] {
  const args = cmd.argv.slice(1);
  const vals = args.map((x) => x.value);
  if (p === 'at' || p === 'batch') {
    if (vals.some((v) => v !== null && /^-[lrdc]$/.test(v))) return []; // list / remove / show jobs
    const f = optValues(args, ['-f'])[0];
    if (f !== undefined) return [{ kind: 'string', text: f === null ? null : readFile(f), via: `${p} -f ${f ?? '?'}` }];
    return cmd.stdin ? [{ kind: 'string', text: stdinText(), via: p }] : [];
  }
  if (p === 'crontab') {
    if (vals.some((v) => v !== null && /^-[lre]$/.test(v))) return [];
    const file = positionals(args).filter((v) => v !== '-')[0];
    const text = file === undefined ? (cmd.stdin ? stdinText() : null) : file === null ? null : readFile(file);
    if (file === undefined && !cmd.stdin) return [];
    if (text === null) return [{ kind: 'string', text: null, via: 'crontab' }];
    return crontabCommands(text).map((c) => ({ kind: 'string', text: c, via: 'crontab' }));
  }
  if (p === 'tmux') {
    const sub = vals[0];
    if (sub === 'send-keys' || sub === 'send') {
      const keys: (string | null)[] = [];
      for (let i = 1; i < vals.length; i++) {
        const v = vals[i]!;
        if (v !== null && /^-[tN]$/.test(v)) i++;
        else if (v !== null && /^-[lRMXHKF]+$/.test(v)) continue;
        else keys.push(v);
      }
      return keys.length ? [{ kind: 'string', text: tmuxKeys(keys), via: 'tmux send-keys' }] : [];
    }
    if (/^(new-session|new|new-window|neww|split-window|splitw|respawn-pane|respawnp|respawn-window|respawnw)$/.test(sub ?? '')) {
      const rest: (string | null)[] = [];
      for (let i = 1; i < vals.length; i++) {
        const v = vals[i]!;
        if (v !== null && /^-[tscnexyFlbBLpe]$/.test(v) && !/^-[dhvPkZIAE]$/.test(v)) i++;
        else if (v !== null && v.startsWith('-')) continue;
        else rest.push(...vals.slice(i));
        if (rest.length) break;
      }
      if (!rest.length) return [];
      return [{ kind: 'string', text: rest.some((x) => x === null) ? null : rest.join(' '), via: `tmux ${sub}` }];
    }
    return [];
  }
  if (p === 'screen') {
    const x = vals.indexOf('-X');
    if (x >= 0 && vals[x + 1] === 'stuff') {
      const t = vals[x + 2];
      return [{ kind: 'string', text: t === null || t === undefined ? null : t.replace(/\\n|\^M|\\r/g, '\n'), via: 'screen stuff' }];
    }
    // screen -dmS name CMD...
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i] ?? null;
      if (v === null) return [];
      if (/^-[A-Za-z]*[SpcTtXhe]$/.test(v)) {
        if (/X$/.test(v)) return [];
        i++;
        continue;
      }
      if (v.startsWith('-')) continue;
      return [{ kind: 'words', argv: args.slice(i), via: 'screen' }];
    }
  }
  return [];
}

/** Programs that run a command later or elsewhere: the families' (declared `unwrap`) and the shell's schedulers. */
export const LATER_PROGRAMS = new Set([...Object.keys(UNWRAP), 'at', 'batch', 'crontab', 'tmux', 'screen']);

export function laterCommands(cmd: Command, p: string, stdinText: () => string | null, readFile: (f: string) => string | null): Later[] {
  const style = UNWRAP[p];
  if (style === 'container' || style === 'compose') return containerRun(cmd, p, style === 'compose');
  if (style === 'kubectl') return kubectlRun(cmd);
  if (style) return cloudRemote(cmd, style);
  return deferred(cmd, p, stdinText, readFile);
}
