// MCP tool calls, in the form of the mcptools CLI: `mcp call TOOL --params JSON SERVER...`.
// Harness hooks describe an MCP tool call (`mcp__<server>__<tool>` in Claude Code/Codex, Gemini's
// and Cline's equivalents) in this same form, so a tool call is analysed like any command line:
// a generic `tool` fact (server, tool, the verbs of its name) that rulesets match, plus the facts
// of what its arguments carry: SQL strings go to the PostgreSQL analyzer (as `psql -c`), GraphQL
// documents and HTTP requests to the HTTP analyzer (as `curl`).
import type { Command, Fact } from '../../types';
import type { Analyzer, AnalyzeContext } from '../types';
import { singleQuote } from '../../util/shell-quote';

type Obj = Record<string, unknown>;

export interface ToolCall {
  tool: string;
  server: string;
  params: Obj;
  /** The params text was not a JSON object. */
  badParams: boolean;
}

const RUNNERS = new Set(['npx', 'uvx', 'bunx', 'pnpx', 'node', 'python', 'python3', 'deno', 'bun', 'docker', 'uv']);

/** Reads `mcp call TOOL --params JSON SERVER...`; null when the command is not a tool call. */
export function parseCall(args: (string | null)[]): ToolCall | null {
  if (args[0] !== 'call') return null;
  let tool: string | null = null;
  let paramsText: string | null = null;
  const server: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] ?? '$?';
    if (server.length === 0 && (a === '--params' || a === '-p')) paramsText = args[++i] ?? '$?';
    else if (server.length === 0 && a.startsWith('--params=')) paramsText = a.slice(9);
    else if (server.length === 0 && (a === '--format' || a === '-f')) i++;
    else if (server.length === 0 && a.startsWith('-')) continue;
    else if (tool === null) tool = a;
    else server.push(a);
  }
  if (!tool) return null;
  let params: Obj = {};
  let badParams = false;
  if (paramsText !== null) {
    try {
      const v = JSON.parse(paramsText) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) params = v as Obj;
      else badParams = true;
    } catch {
      badParams = true;
    }
  }
  // The server is named by its command: skip runners and their options (npx -y @x/server-postgres).
  const named = server.find((w, i) => !w.startsWith('-') && !(RUNNERS.has(w) && i < server.length - 1)) ?? '';
  return { tool, server: named.replace(/^.*\//, '').replace(/^(mcp-server-|server-)/, '').replace(/(-mcp|-mcp-server)$/, ''), params, badParams };
}

/** The words of a tool name: volume_delete, deleteVolume, volume-delete -> [volume, delete]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export const DESTRUCTIVE_VERBS = ['delete', 'drop', 'destroy', 'truncate', 'reset', 'remove', 'purge', 'wipe', 'erase'];

/** Every string in the params, with the key it sits under. */
function strings(v: unknown, key: string, out: { key: string; value: string }[], depth = 0): void {
  if (depth > 8 || out.length > 200) return;
  if (typeof v === 'string') out.push({ key, value: v });
  else if (Array.isArray(v)) for (const x of v) strings(x, key, out, depth + 1);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v as Obj)) strings(x, k, out, depth + 1);
}

const SQL_START = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*(select|insert|update|delete|drop|truncate|alter|create|grant|revoke|with|copy|vacuum|reindex|comment|merge|do|call|begin|reassign|cluster|refresh|lock|set|reset)\b/i;
const GRAPHQL_START = /^\s*(?:mutation|query|subscription)\b[^{]*\{|^\s*\{\s*[A-Za-z_]\w*\s*[({]/;

/** The resource a destructive tool call names: an id or name argument, else the tool. */
function resourceOf(params: Obj, tool: string): string {
  for (const [k, v] of Object.entries(params)) if ((typeof v === 'string' || typeof v === 'number') && /(^|_)(id|name|slug|uuid)$|Id$|Name$/.test(k) && String(v)) return String(v);
  for (const k of ['table', 'database', 'project', 'repo', 'repository', 'bucket', 'branch', 'environment', 'service', 'volume']) {
    const v = params[k];
    if (typeof v === 'string' && v) return v;
  }
  return tool;
}

const q = singleQuote;

function str(params: Obj, ...keys: string[]): string | null {
  for (const k of keys) if (typeof params[k] === 'string' && params[k]) return params[k] as string;
  return null;
}

/** Shell lines doing what the tool call's arguments do, for the families that judge them. */
export function equivalentLines(call: ToolCall): string[] {
  const lines: string[] = [];
  const found: { key: string; value: string }[] = [];
  strings(call.params, '', found);
  const conn = str(call.params, 'connection_string', 'connectionString', 'database_url', 'databaseUrl', 'dsn');
  const url = str(call.params, 'url', 'endpoint', 'uri');
  const http = url && /^https?:\/\//i.test(url) ? url : null;
  for (const { key, value } of found) {
    if (value === url || value === conn) continue;
    if (GRAPHQL_START.test(value) && !/^\s*(select|with)\b/i.test(value)) {
      const endpoint = http ?? (/railway/i.test(call.server) ? 'https://backboard.railway.app/graphql/v2' : `https://${call.server || 'mcp'}.mcp.invalid/graphql`);
      lines.push(`curl -X POST ${q(endpoint)} -H 'Content-Type: application/json' -d ${q(JSON.stringify({ query: value }))}`);
    } else if (SQL_START.test(value) && (/sql|query|statement|command|script/i.test(key) || /\s/.test(value.trim()))) {
      const target = conn ? q(conn) : [str(call.params, 'host') ? `-h ${q(str(call.params, 'host')!)}` : '', str(call.params, 'database', 'dbname', 'db') ? `-d ${q(str(call.params, 'database', 'dbname', 'db')!)}` : ''].filter(Boolean).join(' ');
      lines.push(`psql ${target ? target + ' ' : ''}-c ${q(value)}`);
    }
  }
  if (http) {
    const method = (str(call.params, 'method') ?? (call.params.body !== undefined || call.params.data !== undefined ? 'POST' : 'GET')).toUpperCase();
    const body = call.params.body ?? call.params.data ?? call.params.json;
    const parts = [`curl -X ${q(method)} ${q(http)}`];
    const headers = call.params.headers;
    if (headers && typeof headers === 'object' && !Array.isArray(headers)) for (const [k, v] of Object.entries(headers as Obj)) if (typeof v === 'string') parts.push(`-H ${q(`${k}: ${v}`)}`);
    if (body !== undefined) parts.push(`-d ${q(typeof body === 'string' ? body : JSON.stringify(body))}`);
    if (!lines.some((l) => l.startsWith('curl ') && l.includes(q(http)))) lines.push(parts.join(' '));
  }
  return lines;
}

const mcp: Analyzer = {
  name: 'mcp',
  async analyze(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
    const call = parseCall(cmd.argv.slice(1).map((w) => w.value));
    if (!call) return [];
    const words = nameWords(call.tool);
    const verb = words.find((w) => DESTRUCTIVE_VERBS.includes(w)) ?? words[0] ?? '';
    const facts: Fact[] = [
      {
        type: 'tool',
        command: cmd.text,
        tool: call.tool,
        server: call.server,
        words,
        action: verb,
        destructive: DESTRUCTIVE_VERBS.includes(verb),
        params: Object.keys(call.params),
        badParams: call.badParams,
        resource: resourceOf(call.params, call.tool),
        infra: true,
        targets: [],
      },
    ];
    for (const line of equivalentLines(call)) {
      for (const c of await ctx.parseNested(line, `mcp ${call.server}:${call.tool}`)) {
        const got = await ctx.analyzeNested([c]);
        // The synthetic psql/curl command itself ran nothing: only what it says it does counts.
        for (const f of got) if (f.type !== 'command' && f.type !== 'argv') facts.push({ ...f, command: cmd.text, innerCommand: f.command, via: `mcp:${call.server}` });
      }
    }
    return facts;
  },
};

export default mcp;
