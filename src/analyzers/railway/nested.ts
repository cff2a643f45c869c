// The two Railway subcommands that carry another language: `railway api` (raw GraphQL, parsed
// exactly like a curl body) and `railway run|ssh -- CMD` (a command line analysed as if typed,
// with the facts moved into the Railway environment whose credentials it receives).
import type { AnalyzeContext } from '../types';
import type { Command, Fact, Target } from '../../types';
import type { RailwayArgs } from './cli';
import { fieldFacts, type FactBase } from '../http/facts';
import { pipeText } from '../../shell/stdin';
import { shellQuote } from '../../util/shell-quote';

const BACKBOARD = 'https://backboard.railway.com/graphql/v2';

function flagValue(args: RailwayArgs, name: string): string | null | undefined {
  const f = args.flags.get(name);
  return f === undefined || f === true ? undefined : f.value;
}

/** `railway api '<doc>'` / `--file q.graphql` / `-f -` / piped stdin, with --variables/--var/--raw-var. */
export function apiFacts(args: RailwayArgs, cmd: Command, ctx: AnalyzeContext, targets: Target[]): Fact[] {
  const stdin = (): string | null => pipeText(cmd, (p) => ctx.readFile(p));
  const file = flagValue(args, 'file');
  let query: string | null;
  if (file !== undefined) query = file === null ? null : file === '-' ? stdin() : ctx.readFile(file);
  else if (args.rest.length) query = args.rest[0]!.value;
  else query = cmd.stdin ? stdin() : null;

  let variables: Record<string, unknown> | null = null;
  let unknownVars = false;
  const vars = flagValue(args, 'variables');
  if (vars !== undefined) {
    const text = vars === null ? null : vars === '@-' ? stdin() : vars.startsWith('@') ? ctx.readFile(vars.slice(1)) : vars;
    variables = text === null ? null : parseJson(text);
    unknownVars = variables === null;
  }
  // --var/--raw-var may repeat, but the flag map keeps the last one: read them from argv.
  for (let i = 1; i < cmd.argv.length - 1; i++) {
    const name = cmd.argv[i]!.value;
    if (name !== '--var' && name !== '--raw-var') continue;
    const kv = cmd.argv[i + 1]!.value;
    const m = kv === null ? null : /^([^=]+)=(.*)$/s.exec(kv);
    if (!m) {
      unknownVars = true;
      continue;
    }
    variables = { ...(variables ?? {}), [m[1]!]: name === '--var' ? (parseJson(m[2]!) ?? tryJson(m[2]!)) : m[2]! };
  }

  const base: FactBase = { command: cmd.text, client: 'railway', url: BACKBOARD, host: 'backboard.railway.com', auth: true, authKinds: ['railway-cli'], local: false, railway: true, infra: true, targets: [{ kind: 'host', value: 'backboard.railway.com' }, ...targets] };
  if (query === null) return [{ type: 'graphql', ...base, operation: null, field: null, unresolved: true, why: 'the GraphQL document is only known at run time' }];
  const facts = fieldFacts({ query, variables, operationName: flagValue(args, 'operation-name') ?? null }, base, true);
  if (unknownVars) for (const f of facts) f.unresolvedArgs = true;
  return facts;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}


/**
 * The facts of the command `railway run` (exec'd directly: words are quoted back) or `railway ssh`
 * (run by a remote shell: words joined as ssh does) would run. Every fact of the inner command
 * gets the Railway environment as a target: it runs with that environment's credentials.
 */
export async function wrappedFacts(args: RailwayArgs, op: 'run' | 'ssh', cmd: Command, ctx: AnalyzeContext, env: string | null): Promise<Fact[]> {
  if (!args.inner.length) return [];
  const text = op === 'run' ? args.inner.map((w) => (w.value === null ? w.raw : shellQuote(w.value))).join(' ') : args.inner.map((w) => w.value ?? w.raw).join(' ');
  const inner = await ctx.parseNested(text, `railway ${op}`);
  const where: Target = { kind: 'railway-environment', value: env ?? 'unknown' };
  const out: Fact[] = [];
  for (const c of inner) {
    if (op === 'ssh') c.remote = `railway:${env ?? 'unknown'}`;
    const facts = await ctx.analyzeNested([c]);
    for (const f of facts) {
      // A local `command` fact under `railway run` still touches this machine only.
      if (op === 'run' && f.type === 'command') continue;
      f.targets = [...(f.targets ?? []), where];
      if (f.type !== 'command' && f.type !== 'unresolved') f.infra = true;
    }
    out.push(...facts);
  }
  return out;
}
