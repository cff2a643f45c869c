// Terraform / OpenTofu / Terragrunt: what a command would do to real infrastructure. Flags come
// from argv and from TF_CLI_ARGS*; a saved plan is opened with `show -json` to list its deletions.
import * as path from 'node:path';
import { parse as shellParse } from 'shell-quote';
import type { Command, Fact, Target, Word } from '../../types';
import type { Analyzer, AnalyzeContext } from '../types';
import { boolFlag, parseTerraform, parseTerragrunt } from './args';
import { findBinary, showPlan, type PlanResult } from './plan';

const READ_ONLY = new Set(['init', 'validate', 'fmt', 'show', 'output', 'graph', 'version', 'providers', 'console', 'get', 'login', 'logout', 'metadata', 'modules', 'test', 'refresh', 'import', 'untaint', 'render-json', 'hclfmt', 'info', 'find', 'list', 'dag', 'catalog', 'scaffold', 'stack', 'exec', 'backend', 'hcl']);

function envValue(cmd: Command, ctx: AnalyzeContext, name: string): string | null | undefined {
  return name in cmd.env ? cmd.env[name] : ctx.env[name];
}

export function analyzeTerraform(cmd: Command, ctx: AnalyzeContext, planReader: typeof readPlan = readPlan): Fact[] {
  const tool = cmd.program ?? 'terraform';
  const unresolvedEnv: string[] = [];
  const cliArgs = (sub: string): Word[] => {
    const out: Word[] = [];
    for (const name of sub.includes('_') ? [`TF_CLI_ARGS_${sub}`] : ['TF_CLI_ARGS', `TF_CLI_ARGS_${sub}`]) {
      const v = envValue(cmd, ctx, name);
      if (v === null) unresolvedEnv.push(`$${name}`);
      else if (v) for (const t of shellParse(v)) if (typeof t === 'string') out.push({ raw: t, value: t });
    }
    return out;
  };
  let words = cmd.argv.slice(1);
  let all = false;
  let implied = false;
  let tgChdir: string | null | undefined;
  if (tool === 'terragrunt') {
    const tg = parseTerragrunt(words);
    words = tg.rest;
    all = tg.all;
    implied = tg.implied;
    tgChdir = tg.chdir;
  }
  const a = parseTerraform(words, cliArgs);
  const chdir = tgChdir !== undefined ? tgChdir : a.chdir;
  const dir = path.resolve(ctx.cwd, chdir ?? '.');
  const ws = workspace(cmd, ctx, chdir ?? '.');
  const addresses = [...(a.flags.get('target') ?? []), ...(a.flags.get('replace') ?? [])].map((x) => x ?? '$?');
  const varFiles = (a.flags.get('var-file') ?? []).map((x) => x ?? '$?');
  const autoApprove = boolFlag(a.flags, 'auto-approve') || implied || (boolFlag(a.flags, 'force') && a.subcommand === 'destroy');
  const dirName = path.basename(dir) || dir;

  const targets: Target[] = [];
  if (ws.name) targets.push({ kind: 'workspace', value: ws.name });
  for (const f of varFiles) targets.push({ kind: 'var-file', value: f });
  if (chdir !== undefined) targets.push({ kind: 'path', value: chdir ?? '$?' });
  for (const v of a.flags.get('var') ?? []) if (v && /^\w*(env|environment|stage|workspace)\w*=/i.test(v)) targets.push({ kind: 'name', value: v.slice(v.indexOf('=') + 1) });
  if (cmd.remote) targets.push({ kind: 'host', value: cmd.remote });

  const base = (action: string, resource: string, extra: Record<string, unknown> = {}): Fact => ({
    type: 'terraform',
    command: cmd.text,
    tool,
    action,
    subcommand: a.sub2 ? `${a.subcommand} ${a.sub2}` : a.subcommand,
    addresses,
    workspace: ws.name ?? 'default',
    chdir: chdir ?? '',
    dir: dirName,
    varFiles,
    autoApprove,
    all,
    // -lock=false: no state lock, so a concurrent run (CI, a colleague) can corrupt the state.
    noLock: a.flags.has('lock') && !boolFlag(a.flags, 'lock'),
    resource,
    ...extra,
    infra: targets.length > 0 || !['plan', 'read', 'other'].includes(action),
    targets,
  });
  const scope = addresses.join(' ') || (ws.name && ws.name !== 'default' ? ws.name : dirName);

  if (a.unresolved.length || unresolvedEnv.length) {
    return [base('unresolved', scope, { unresolved: true, what: [...a.unresolved, ...unresolvedEnv].join(' ') })];
  }
  const pos = a.positionals;
  const sub = a.subcommand;
  if (boolFlag(a.flags, 'help') || boolFlag(a.flags, 'h')) return [base('read', scope)];
  switch (sub) {
    case 'destroy':
      return [base('destroy', scope)];
    case 'apply': {
      if (boolFlag(a.flags, 'destroy')) return [base('apply-destroy', scope)];
      if (pos.length) return savedPlan(cmd, ctx, tool, pos[0]!, dir, base, planReader);
      if (a.flags.has('replace')) return [base('apply-replace', scope)];
      // `yes | terraform apply` answers terraform's own prompt: as good as -auto-approve.
      if (autoApprove || cmd.stdin) return [base('apply-auto-approve', scope, { autoApprove: true })];
      return [base('apply', scope)];
    }
    case 'plan':
      return [base('plan', scope, { destroyPlan: boolFlag(a.flags, 'destroy') })];
    case 'state': {
      const dry = boolFlag(a.flags, 'dry-run');
      const addrs = pos.map((x) => x ?? '$?');
      if (a.sub2 === 'rm') return [base('state-rm', addrs.join(' ') || scope, { addresses: addrs, dryRun: dry })];
      if (a.sub2 === 'push') return [base(boolFlag(a.flags, 'force') ? 'state-push-force' : 'state-push', ws.name ?? dirName, { dryRun: false })];
      if (a.sub2 === 'mv' || a.sub2 === 'replace-provider') return [base(`state-${a.sub2}`, addrs.join(' ') || scope, { addresses: addrs, dryRun: dry })];
      return [base('read', scope)];
    }
    case 'workspace': {
      // Without NAME (or LOCK_ID below) terraform prints its usage and changes nothing.
      if (a.sub2 !== 'delete' || pos.length === 0) return [base('other', scope)];
      const name = pos[0] ?? '$?';
      return [{ ...base('workspace-delete', name, { force: boolFlag(a.flags, 'force') }), targets: [...targets, { kind: 'workspace', value: name }] }];
    }
    case 'force-unlock':
      if (pos.length === 0) return [base('other', scope)];
      return [base('force-unlock', pos[0] ?? scope, { lockId: pos[0] ?? '', force: boolFlag(a.flags, 'force') })];
    case 'taint':
      return [base('taint', pos[0] ?? scope, { addresses: pos.map((x) => x ?? '$?') })];
    case '':
      return [];
    default:
      return [base(READ_ONLY.has(sub) ? 'read' : 'other', scope)];
  }
}

type Base = (action: string, resource: string, extra?: Record<string, unknown>) => Fact;

export function readPlan(tool: string, plan: string, dir: string, ctx: AnalyzeContext, cmd: Command): PlanResult {
  if (tool === 'terragrunt') return { ok: false, why: 'terragrunt plans are not opened' };
  if (cmd.remote) return { ok: false, why: `the plan is on ${cmd.remote}` };
  const bin = findBinary(tool, ctx.env.PATH);
  if (!bin) return { ok: false, why: `${tool} is not on PATH` };
  return showPlan(bin, plan, dir, ctx.env);
}

function savedPlan(cmd: Command, ctx: AnalyzeContext, tool: string, plan: string | null, dir: string, base: Base, reader: typeof readPlan): Fact[] {
  const r: PlanResult = plan === null ? { ok: false, why: 'the plan file name is only known at run time' } : reader(tool, plan, dir, ctx, cmd);
  const planFile = plan ?? '$?';
  if (!r.ok) return [base('plan-unknown', planFile, { plan: planFile, why: r.why })];
  if (!r.deletes.length) return [base('apply-plan', planFile, { plan: planFile, deletes: 0, changes: r.changes })];
  return r.deletes.map((d) => base('plan-delete', d.address, { plan: planFile, address: d.address, addresses: [d.address], resourceType: d.resourceType, replace: d.replace, actionReason: d.actionReason, name: d.name }));
}

/** TF_WORKSPACE, else the workspace `terraform workspace select` recorded in the data dir. */
function workspace(cmd: Command, ctx: AnalyzeContext, chdir: string): { name?: string } {
  const env = envValue(cmd, ctx, 'TF_WORKSPACE');
  if (env === null) return { name: '$TF_WORKSPACE' };
  if (env) return { name: env };
  const dataDir = envValue(cmd, ctx, 'TF_DATA_DIR') || '.terraform';
  const text = ctx.readFile(path.join(chdir, dataDir, 'environment'));
  return text?.trim() ? { name: text.trim() } : {};
}

const analyzer: Analyzer = {
  name: 'terraform',
  analyze: (cmd, ctx) => analyzeTerraform(cmd, ctx),
};

export default analyzer;
