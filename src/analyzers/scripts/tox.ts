// tox [-e ENV[,ENV]] [-c tox.ini]: the commands_pre/commands/commands_post of each environment run
// ([testenv:NAME] over [testenv]; the envlist when none is named), with tox's {substitutions}.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { MAX_SCRIPT_DEPTH, scriptDepth } from './depth';
import { MAX_RECIPE_LINES, readConfig, recipeFact, recipeLine, runnerArgs, isUnreadable, unreadableFact } from './recipes';

const FLAGS = {
  withValue: ['-e', '-c', '--conf', '--root', '--workdir', '-f', '--factor', '-m', '--labels', '-x', '--override', '-r', '--recreate-pkg', '--installpkg', '--result-json', '--hashseed', '--discover', '--runner', '-p', '--parallel', '-o'],
  file: ['-c', '--conf'],
  dir: ['--root'],
  inert: /^(-l|--listenvs|-a|--listenvs-all|--showconfig|-h|--help|--version|--notest|list|config)$/,
};

const COMPUTED = '"$(airlock-computed)"';

export function parseIni(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let sec: Map<string, string> | null = null;
  let key: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw)) continue;
    const s = /^\[([^\]]+)\]/.exec(raw);
    if (s) {
      sec = new Map();
      out.set(s[1]!.trim(), sec);
      key = null;
      continue;
    }
    if (!sec) continue;
    const kv = /^([A-Za-z_][\w.-]*)\s*[=:]\s*(.*)$/.exec(raw);
    if (kv) {
      key = kv[1]!;
      sec.set(key, kv[2]!);
    } else if (key && /^\s+\S/.test(raw)) sec.set(key, `${sec.get(key)}\n${raw.trim()}`);
  }
  return out;
}

function substitute(s: string, posargs: string): string {
  return s.replace(/\{posargs(?::([^}]*))?\}/g, (_m, d: string | undefined) => posargs || d || '').replace(/\{envpython\}/g, 'python').replace(/\{(envbindir|envdir|toxinidir|envtmpdir|toxworkdir|envsitepackagesdir)\}/g, (_m, n: string) => (n === 'toxinidir' ? '.' : COMPUTED)).replace(/\{[^}\s]+\}/g, COMPUTED);
}

export async function analyzeTox(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  if (scriptDepth(cmd) >= MAX_SCRIPT_DEPTH) return [];
  const a = runnerArgs(cmd, FLAGS);
  if (a.inert || a.names.some((n) => n !== null && FLAGS.inert.test(n))) return [];
  const words = cmd.argv.slice(1);
  const envs: (string | null)[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!.value;
    if (v === '--') break;
    if (v === '-e') {
      const val = words[++i]?.value ?? null;
      if (val === null) envs.push(null);
      else envs.push(...val.split(','));
    } else if (v?.startsWith('-e') && v.length > 2) envs.push(...v.slice(2).split(','));
  }
  if (envs.includes(null)) return [recipeFact(cmd, 'tox', null, false)];
  const cfg = readConfig(ctx, a, ['tox.ini']);
  if (isUnreadable(cfg)) return [unreadableFact(cmd, cfg)];
  if (!cfg) return [];
  const ini = parseIni(cfg.text);
  const base = ini.get('testenv') ?? new Map<string, string>();
  const goals = envs.length ? (envs as string[]) : (ini.get('tox')?.get('envlist') ?? ini.get('tox')?.get('env_list') ?? '').split(/[\s,]+/).filter((e) => e && !e.includes('{'));
  const posargs = a.rest.join(' ');
  const facts: Fact[] = [];
  let budget = MAX_RECIPE_LINES;
  for (const g of goals.length ? goals : ['testenv']) {
    const sec = ini.get(`testenv:${g}`);
    const get = (k: string): string | undefined => sec?.get(k) ?? base.get(k);
    facts.push(recipeFact(cmd, 'tox', g, Boolean(sec) || ini.has('testenv')));
    for (const k of ['commands_pre', 'commands', 'commands_post']) {
      for (const raw of (get(k) ?? '').split('\n')) {
        if (budget-- <= 0) return facts;
        const line = substitute(raw.trim().replace(/^-\s*/, ''), posargs);
        if (line && !line.startsWith('#')) facts.push(...(await recipeLine(cmd, ctx, line, { tool: 'tox', recipe: g })));
      }
    }
  }
  return facts;
}
