// redis-cli / valkey-cli: the command from argv, or each line of stdin. EVAL scripts are searched for the same commands.
// Facts: { tool: 'redis-cli', action (flushall, flushdb, config-set, del, ...), object, name, keys, host, db }.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { pipeText } from '../../shell/stdin';
import { opt, parseArgs } from '../../argv/options';
import { cliFact, envOf, show, target, UNKNOWN } from '../cli-fact';

const WITH_VALUE = ['-h', '-p', '-a', '-n', '-u', '-s', '--user', '--pass', '-r', '-i', '--pattern', '--quoted-pattern', '--eval', '--cacert', '--cacertdir', '--cert', '--key', '--sni', '-d', '-D', '--count', '--memkeys-samples', '--rdb', '--functions-rdb', '--tls-ciphers', '--tls-ciphersuites', '-t', '--replica', '--pipe-timeout', '--hotkeys'];

export function analyzeRedis(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const a = parseArgs(cmd.argv.slice(1), { withValue: WITH_VALUE, stopAtPositional: true });
  const url = opt(a, '-u');
  const host = opt(a, '-h') ?? (url ? hostOf(url) : undefined) ?? envOf(cmd, ctx, 'REDIS_HOST') ?? 'localhost';
  const db = opt(a, '-n');
  const base = { tool: 'redis-cli', flags: a.flags, host: show(host), db: show(db ?? '0'), targets: [...target('host', host), ...target('database', db)] };
  const argv = [...a.pos, ...a.rest];
  if (argv.length) return [commandFact(cmd, base, argv)];
  const script = opt(a, '--eval');
  if (script !== undefined) {
    const code = script === null ? null : ctx.readFile(script);
    return evalFacts(cmd, base, code);
  }
  if (!cmd.stdin) return [cliFact(cmd, { ...base, action: 'connect', object: 'session', name: '' })];
  const text = pipeText(cmd, ctx.readFile);
  if (text === null) return [cliFact(cmd, { ...base, action: UNKNOWN, object: 'stdin', name: '' })];
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => commandFact(cmd, base, splitLine(l)));
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function splitLine(l: string): string[] {
  return [...l.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function commandFact(cmd: Command, base: Record<string, unknown> & { tool: string }, argv: (string | null)[]): Fact {
  const [c, ...args] = argv;
  if (c === null || c === undefined) return cliFact(cmd, { ...base, action: UNKNOWN });
  const name = c.toLowerCase();
  if (name === 'config' && args[0]?.toLowerCase() === 'set') return cliFact(cmd, { ...base, action: 'config-set', object: 'config', name: show(args[1]).toLowerCase(), value: show(args[2]) });
  if (name === 'eval' || name === 'evalsha' || name === 'fcall') return evalFacts(cmd, base, name === 'eval' ? (args[0] ?? null) : null)[0]!;
  const keyed = ['del', 'unlink', 'expire', 'rename', 'getdel'].includes(name);
  return cliFact(cmd, {
    ...base, action: name, object: keyed ? 'keys' : 'server', name: keyed ? show(args[0]) : (args[0] ?? ''),
    keys: keyed ? args.length : 0, dynamicKeys: Boolean(cmd.dynamicTail) || args.some((x) => x === null),
    nosave: args.some((x) => x?.toLowerCase() === 'nosave'),
  });
}

const DANGEROUS = /\b(flushall|flushdb|del|unlink|config|shutdown|swapdb|debug)\b/i;

function evalFacts(cmd: Command, base: Record<string, unknown> & { tool: string }, code: string | null): Fact[] {
  if (code === null) return [cliFact(cmd, { ...base, action: 'eval', object: 'script', name: UNKNOWN, unknown: true })];
  const m = /redis\.p?call\(\s*['"](\w+)['"]/gi;
  const calls = [...code.matchAll(m)].map((x) => x[1]!.toLowerCase()).filter((x) => DANGEROUS.test(x));
  if (!calls.length) return [cliFact(cmd, { ...base, action: 'eval', object: 'script', name: '' })];
  return calls.map((c) => cliFact(cmd, { ...base, action: c, object: c === 'del' || c === 'unlink' ? 'keys' : 'server', name: 'script', via: 'eval', dynamicKeys: c === 'del' || c === 'unlink' }));
}

