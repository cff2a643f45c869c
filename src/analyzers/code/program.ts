// Judging a program file by what its calls do. Every finding goes through the path the same
// operation takes on the command line: spawned commands and SQL are handed back to the full
// pipeline as nested command lines (`psql DSN -c SQL`), HTTP calls become the `http`/`graphql`
// facts curl produces, file deletions become `code-delete` facts classified like rm operands.
// A value only known at run time in a risky call gives a fact the rules confirm, when the file
// itself hints at harm (destructive SQL words, an infrastructure host, a mutation); otherwise
// everyday code (an API client, a build script) stays quiet.
import type { Command, Fact, Target } from '../../types';
import type { AnalyzeContext } from '../types';
import { innerFacts } from '../scripts/nested';
import { classifyText, pathTargets } from '../files/paths';
import { requestFacts } from '../http/facts';
import { addHeader, emptyRequest, isInfraHost, isRailwayHost, parseUrl, type HttpRequest } from '../http/request';
import { HOLE, UNKNOWN, asText, isKnown, toJson, type Arg, type CallSite, type Program, type V } from './lang/model';
import { shellQuote } from '../../util/shell-quote';

export type Lang = 'python' | 'javascript' | 'ruby' | 'go' | 'php';

export interface Judged {
  file: string;
  lang: Lang;
  program: Program;
}

/** Stands for a value only known at run time inside a nested command line. */
const SHELL_HOLE = '"$(airlock-computed)"';
const SQL_HOLE = 'computed_at_run_time';

interface Hints {
  sql: boolean;
  infra: boolean;
  shell: boolean;
}

function hintsOf(p: Program): Hints {
  const s = p.strings.join('\n');
  return {
    sql: /\b(drop\s+(table|database|schema)|truncate|delete\s+from|alter\s+table)\b/i.test(s),
    infra: /\bmutation\b|railway|backboard|api\.cloudflare|api\.heroku|api\.vercel|api\.fly\.io|api\.digitalocean|api\.render|api\.supabase|api\.neon\.tech|\bRAILWAY_|\bCLOUDFLARE_|\bVERCEL_TOKEN|\bFLY_API_TOKEN/i.test(s),
    shell: /\brm\s+-|\b(drop|destroy|delete|truncate|wipe|purge|nuke|reset|dropdb|force)\b/i.test(s),
  };
}

export async function judgeProgram(j: Judged, cmd: Command, ctx: AnalyzeContext, kinds: { spawn: boolean; del: boolean } = { spawn: true, del: true }): Promise<Fact[]> {
  const facts: Fact[] = [];
  const hints = hintsOf(j.program);
  const via = (c: CallSite) => `${cmd.program} ${j.file}:${c.line}`;
  const label = (c: CallSite) => ({ programFile: j.file, programLine: c.line });
  const tool = cmd.program ?? j.lang;
  const conn = connection(j);
  for (const c of j.program.calls) {
    if (kinds.spawn) {
      const line = spawnLine(j.lang, c);
      if (line !== undefined) {
        if (line === null) {
          if (hints.shell) facts.push({ type: 'code-spawn', command: cmd.text, tool, file: j.file, line: c.line, call: c.callee, dynamic: true, targets: [] });
        } else facts.push(...(await innerFacts(cmd, line, via(c), ctx, label(c))));
        continue;
      }
    }
    if (kinds.del) {
      const d = deleteCall(j.lang, c);
      if (d) {
        const p = d.path;
        const known = typeof p === 'string' && !p.includes(HOLE);
        const info = known ? classifyText(p, /[*?[]/.test(p) && /glob/i.test(c.callee), ctx) : null;
        facts.push({ type: 'code-delete', command: cmd.text, tool, api: c.callee, recursive: d.recursive, path: known ? p : '(computed in code)', resolved: info?.resolved || (known ? p : '?'), class: info?.class ?? 'unknown', sensitive: info?.sensitive ?? false, literal: known, file: j.file, line: c.line, targets: info ? pathTargets([info]) : [] });
        continue;
      }
    }
    const req = httpCall(j.lang, c, j.program);
    if (req) {
      const url = req.urls[0]?.value ?? null;
      // An unknown URL only matters when the file points at infrastructure.
      if (url !== null || hints.infra) facts.push(...requestFacts(req, cmd.text).map((f) => ({ ...f, ...label(c) })));
      continue;
    }
    const sql = sqlCall(j.lang, c);
    if (sql) {
      if (sql.text === null) {
        if (hints.sql) facts.push(...(await innerFacts(cmd, sqlLine(conn, SHELL_HOLE), via(c), ctx, label(c))));
      } else if (looksLikeSql(sql.text)) {
        const text = sql.text.split(HOLE).join(sql.tagged ? '$1' : SQL_HOLE);
        facts.push(...(await innerFacts(cmd, sqlLine(conn, shq(text)), via(c), ctx, label(c))));
      }
      continue;
    }
    const orm = ormCall(j.lang, c);
    if (orm) facts.push({ type: 'code-orm', command: cmd.text, tool, api: orm.api, model: orm.model, file: j.file, line: c.line, infra: true, targets: conn.targets });
  }
  return facts;
}

// ---- values ----

function str(a: Arg | undefined): string | null {
  if (!a) return null;
  const v = a.value();
  if (v === UNKNOWN) return HOLE;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return null;
}

function list(a: Arg | undefined): V[] | null {
  const v = a?.value();
  return Array.isArray(v) ? v : null;
}

function obj(a: Arg | undefined): Record<string, V> | null {
  const v = a?.value();
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, V>) : null;
}

export function shq(s: string): string {
  if (!s.includes(HOLE)) return shellQuote(s);
  return s.split(HOLE).map((p) => (p ? shq(p) : '')).join(SHELL_HOLE);
}

function argvLine(items: V[]): string | null {
  if (!items.length) return null;
  const first = items[0];
  if (first === UNKNOWN || (typeof first === 'string' && first.includes(HOLE) && first.replace(HOLE, '') === '')) return null;
  return items.map((v) => (v === UNKNOWN ? SHELL_HOLE : shq(asText(v)))).join(' ');
}

function shellText(s: string | null): string | null {
  if (s === null) return null;
  if (s.replace(new RegExp(HOLE, 'g'), '').trim() === '') return null;
  return s.split(HOLE).join(SHELL_HOLE);
}

// ---- spawns ----

/** undefined: not a spawn. null: a spawn whose command is only known at run time. */
function spawnLine(lang: Lang, c: CallSite): string | null | undefined {
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

// ---- deletes ----

function deleteCall(lang: Lang, c: CallSite): { path: string | null; recursive: boolean } | null {
  const k = c.callee;
  const first = (): string | null => str(c.args[0]);
  const recOpt = (): boolean => {
    const o = obj(c.args[1]);
    return o?.recursive === true;
  };
  switch (lang) {
    case 'python':
      if (/^shutil\.rmtree$/.test(k)) return { path: first(), recursive: true };
      if (/^os\.(remove|unlink|rmdir|removedirs)$/.test(k)) return { path: first(), recursive: false };
      if (/^(pathlib\.)?Path\(\)\.(unlink|rmdir)$/.test(k)) return { path: str(c.root?.args[0]), recursive: false };
      return null;
    case 'javascript':
      if (/^fs(\.promises)?\.(rm|rmSync|rmdir|rmdirSync)$|^(fs-extra|fse)\.(rm|rmSync)$/.test(k)) return { path: first(), recursive: recOpt() };
      if (/^fs(\.promises)?\.(unlink|unlinkSync)$/.test(k)) return { path: first(), recursive: false };
      if (/^(fs-extra|fse|fs)\.(remove|removeSync|emptyDir|emptyDirSync)$/.test(k)) return { path: first(), recursive: true };
      if (/^(rimraf|rimraf\.sync|rimraf\.rimraf|rimraf\.rimrafSync|rimrafSync|del|del\.deleteAsync|del\.deleteSync|deleteAsync|deleteSync)$/.test(k)) return { path: first(), recursive: true };
      if (/^Deno\.(remove|removeSync)$/.test(k)) return { path: first(), recursive: recOpt() };
      return null;
    case 'ruby':
      if (/^FileUtils\.(rm_rf|rm_r|rmtree|remove_dir|remove_entry|remove_entry_secure)$/.test(k)) return { path: first(), recursive: true };
      if (/^FileUtils\.(rm|rm_f|remove|remove_file|safe_unlink)$|^File\.(delete|unlink)$|^Dir\.(rmdir|delete|unlink)$/.test(k)) return { path: first(), recursive: false };
      if (/^Pathname\.new\(\)\.rmtree$/.test(k)) return { path: str(c.root?.args[0]), recursive: true };
      return null;
    case 'go':
      if (k === 'os.RemoveAll') return { path: first(), recursive: true };
      if (k === 'os.Remove') return { path: first(), recursive: false };
      return null;
    case 'php':
      if (/^(unlink|rmdir)$/.test(k)) return { path: first(), recursive: false };
      return null;
  }
}

// ---- HTTP ----

const METHODS = /^(get|post|put|patch|delete|head|options)$/i;

function httpCall(lang: Lang, c: CallSite, p: Program): HttpRequest | null {
  const k = c.callee;
  let method: string | null = null;
  let url: Arg | undefined;
  let body: V | undefined;
  let json: V | undefined;
  let headers: Record<string, V> | null = null;
  let client = '';
  const tail = /\.(\w+)$/.exec(k)?.[1] ?? k;
  switch (lang) {
    case 'python': {
      const m = /^(requests|httpx|requests\.Session\(\)|requests\.session\(\)|httpx\.Client\(\)|httpx\.AsyncClient\(\)|aiohttp\.ClientSession\(\))\.(get|post|put|patch|delete|head|request)$/.exec(k);
      if (m) {
        client = `python ${m[1]!.replace(/\..*/, '')}`;
        if (m[2] === 'request') {
          method = str(c.args[0] ?? c.kwargs.method)?.toUpperCase() ?? null;
          url = c.args[1] ?? c.kwargs.url;
        } else {
          method = m[2]!.toUpperCase();
          url = c.args[0] ?? c.kwargs.url;
        }
        if (c.kwargs.json) json = c.kwargs.json.value();
        if (c.kwargs.data) body = c.kwargs.data.value();
        else if (c.args[1] && m[2] !== 'request') body = c.args[1].value();
        headers = obj(c.kwargs.headers);
        break;
      }
      if (/^urllib\.request\.(urlopen|Request)$|^(urlopen|Request)$/.test(k) && /^urllib/.test(k)) {
        client = 'python urllib';
        const inner = c.args[0]?.call();
        const req = inner && /Request$/.test(inner.callee) ? inner : c;
        url = req.args[0] ?? req.kwargs.url;
        body = (req.args[1] ?? req.kwargs.data)?.value();
        method = str(req.kwargs.method)?.toUpperCase() ?? (body !== undefined ? 'POST' : 'GET');
        headers = obj(req.args[2] ?? req.kwargs.headers);
        if (k.endsWith('Request')) return null; // judged where it is opened
        break;
      }
      return null;
    }
    case 'javascript': {
      if (/^(fetch|node-fetch|undici\.fetch|undici\.request|globalThis\.fetch|window\.fetch)$/.test(k)) {
        client = 'fetch';
        url = c.args[0];
        const o = obj(c.args[1]);
        method = typeof o?.method === 'string' ? o.method.toUpperCase() : o?.method === UNKNOWN ? null : 'GET';
        if (o && 'body' in o) body = o.body;
        headers = (o?.headers as Record<string, V> | undefined) ?? null;
        break;
      }
      const ax = /^(axios|got|ky|superagent|axios\.create\(\)|got\.extend\(\)|ky\.create\(\))(?:\.(get|post|put|patch|delete|head|request))?$/.exec(k);
      if (ax) {
        client = ax[1]!.replace(/\..*/, '');
        const cfgFirst = !ax[2] || ax[2] === 'request';
        const cfg = cfgFirst && !str(c.args[0]) ? obj(c.args[0]) : null;
        if (cfg) {
          method = typeof cfg.method === 'string' ? cfg.method.toUpperCase() : 'GET';
          const u = cfg.url;
          url = { text: '', value: () => u ?? UNKNOWN, name: () => '', call: () => null };
          body = cfg.data ?? cfg.body;
          json = cfg.json;
          headers = (cfg.headers as Record<string, V> | undefined) ?? null;
        } else {
          url = c.args[0];
          const o = obj(c.args[ax[2] && /post|put|patch/.test(ax[2]) && client === 'axios' ? 2 : 1]);
          method = ax[2] && ax[2] !== 'request' ? ax[2].toUpperCase() : typeof o?.method === 'string' ? o.method.toUpperCase() : 'GET';
          if (client === 'axios' && ax[2] && /post|put|patch/.test(ax[2])) body = c.args[1]?.value();
          else {
            body = o?.body;
            json = o?.json;
          }
          headers = (o?.headers as Record<string, V> | undefined) ?? null;
        }
        break;
      }
      // graphql-request: request(url, document, variables) / new GraphQLClient(url).request(document)
      if (/^(graphql-request\.request|graphql-request\.rawRequest)$/.test(k)) {
        client = 'graphql-request';
        url = c.args[0];
        method = 'POST';
        json = { query: c.args[1]?.value() ?? UNKNOWN, variables: c.args[2]?.value() ?? {} };
        break;
      }
      if (/^graphql-request\.GraphQLClient\(\)\.(request|rawRequest)$/.test(k) && c.root) {
        client = 'graphql-request';
        url = c.root.args[0];
        method = 'POST';
        headers = (obj(c.root.args[1])?.headers as Record<string, V> | undefined) ?? null;
        json = { query: c.args[0]?.value() ?? UNKNOWN, variables: c.args[1]?.value() ?? {} };
        break;
      }
      return null;
    }
    case 'ruby': {
      const m = /^(Net::HTTP|HTTParty|Faraday|RestClient|HTTP)\.(get|post|put|patch|delete|post_form)$/.exec(k);
      if (m) {
        client = m[1]!;
        method = m[2] === 'post_form' ? 'POST' : m[2]!.toUpperCase();
        const u = c.args[0]?.call();
        url = u && /^(URI|URI\.parse)$/.test(u.callee) ? u.args[0] : c.args[0];
        body = c.args[1] && !/^\w+:/.test(c.args[1].text) ? c.args[1].value() : c.kwargs.body?.value();
        headers = obj(c.args[2]) ?? obj(c.kwargs.headers);
        break;
      }
      const r = /^Net::HTTP::(Get|Post|Put|Patch|Delete)\.new$/.exec(k);
      if (r) {
        client = 'Net::HTTP';
        method = r[1]!.toUpperCase();
        const u = c.args[0]?.call();
        url = u && /^(URI|URI\.parse)$/.test(u.callee) ? u.args[0] : c.args[0];
        const varName = `${c.line}`;
        body = (p.props.get(`${varName}.body`) ?? p.props.get('*.body'))?.value();
        break;
      }
      return null;
    }
    case 'go': {
      if (/^http\.(Post|Get|PostForm|Head)$/.test(k)) {
        client = 'go net/http';
        method = tail === 'Get' || tail === 'Head' ? tail.toUpperCase() : 'POST';
        url = c.args[0];
        if (tail === 'Post') body = goReader(c.args[2]);
        break;
      }
      if (/^http\.(NewRequest|NewRequestWithContext)$/.test(k)) {
        client = 'go net/http';
        const off = tail === 'NewRequest' ? 0 : 1;
        method = str(c.args[off])?.toUpperCase() ?? null;
        url = c.args[off + 1];
        body = goReader(c.args[off + 2]);
        break;
      }
      return null;
    }
    case 'php':
      return null;
  }
  const req = emptyRequest(client);
  req.method = method && METHODS.test(method) ? method : method;
  const u = url ? str(url) : null;
  const urlKnown = u !== null && !/^[^/]*\u0000/.test(u) && !u.startsWith(HOLE) && /^https?:\/\/[^\u0000/]+/.test(u);
  req.urls = [{ raw: url?.text ?? '(computed)', value: urlKnown ? u!.replace(new RegExp(HOLE, 'g'), 'computed') : null }];
  if (json !== undefined && json !== UNKNOWN && typeof json === 'object' && json !== null && !Array.isArray(json)) {
    req.body = toJson(json).replace(new RegExp(HOLE, 'g'), 'computed');
    req.contentType = 'application/json';
  } else if (body !== undefined) {
    if (body === UNKNOWN) req.body = null;
    else if (typeof body === 'string') req.body = body.replace(new RegExp(HOLE, 'g'), 'computed');
    else if (body && typeof body === 'object') req.body = toJson(body).replace(new RegExp(HOLE, 'g'), 'computed');
  } else if (json === UNKNOWN) req.body = null;
  for (const [name, v] of Object.entries(headers ?? {})) {
    const text = v === UNKNOWN ? '$COMPUTED' : asText(v);
    addHeader(req, { raw: `${name}: ${text}`, value: isKnown(v) ? `${name}: ${text}` : null });
    if (/auth|token|key/i.test(name)) {
      if (!req.authKinds.includes(name.toLowerCase())) req.authKinds.push(name.toLowerCase());
      req.authText.push(`${name}: ${p.strings.some((s) => /RAILWAY/i.test(s)) ? 'RAILWAY' : ''}`);
    }
  }
  return req;
}

function goReader(a: Arg | undefined): V | undefined {
  if (!a) return undefined;
  const inner = a.call();
  if (inner && /^(strings\.NewReader|bytes\.NewBufferString|bytes\.NewBuffer|bytes\.NewReader)$/.test(inner.callee)) {
    const x = inner.args[0]?.call();
    if (x && /^\[\]byte$/.test(x.callee)) return x.args[0]?.value();
    return inner.args[0]?.value();
  }
  if (a.text === 'nil') return undefined;
  return a.value();
}

// ---- SQL ----

const SQL_START = /^\s*(\(|with|select|insert|update|delete|drop|truncate|alter|create|grant|revoke|copy|vacuum|do|begin|commit|rollback|merge|reindex|cluster|comment|set|reset|prepare|execute|call|lock|refresh|discard|reassign|import|analyze)\b/i;

function looksLikeSql(s: string): boolean {
  return SQL_START.test(s);
}

function sqlCall(lang: Lang, c: CallSite): { text: string | null; tagged: boolean } | null {
  const k = c.callee;
  const tail = /(?:^|\.)([$\w]+)$/.exec(k)?.[1] ?? '';
  let a: Arg | undefined;
  if (c.tagged && /^(sql|\$executeRaw|\$queryRaw|Prisma\.sql|db\.sql|postgres\(\)|sql\.unsafe)$|\.(\$executeRaw|\$queryRaw|sql)$/.test(k)) {
    const s = str(c.args[0]);
    return { text: s, tagged: true };
  }
  if (lang === 'python' && /^(execute|executemany|executescript|fetch|fetchrow|fetchval|mogrify|exec_driver_sql)$/.test(tail)) a = c.args[0];
  else if (lang === 'python' && /^(sqlalchemy\.)?text$/.test(k)) a = c.args[0];
  else if (lang === 'javascript' && /^(query|execute|exec|run|raw|unsafe|\$executeRawUnsafe|\$queryRawUnsafe|prepare|all|get)$/.test(tail) && k !== 'exec' && !/^child_process|^RegExp|^re\./.test(k)) a = c.args[0];
  else if (lang === 'ruby' && /^(execute|exec|exec_query|exec_params|async_exec|select_all|select_value|query)$/.test(tail)) a = c.args[0];
  else if (lang === 'go' && /^(Exec|Query|QueryRow)$/.test(tail)) a = c.args[0];
  else if (lang === 'go' && /^(ExecContext|QueryContext|QueryRowContext)$/.test(tail)) a = c.args[1];
  else if (lang === 'javascript' && /\.schema\.(dropTable|dropTableIfExists)$/.test(k)) {
    const t = str(c.args[0]);
    return { text: t === null ? null : `DROP TABLE ${tail === 'dropTableIfExists' ? 'IF EXISTS ' : ''}${t}`, tagged: false };
  } else if (lang === 'ruby' && /^(ActiveRecord::Migration\.|ActiveRecord::Base\.connection\.|connection\.)?drop_table$/.test(k)) {
    const t = c.args[0]?.value();
    return { text: typeof t === 'string' ? `DROP TABLE ${t.replace(/^:/, '')}` : null, tagged: false };
  } else return null;
  if (!a) return null;
  const v = a.value();
  if (v === UNKNOWN) return looksLikeSql(a.text) ? { text: null, tagged: false } : /sql|query|stmt|statement/i.test(a.text) ? { text: null, tagged: false } : null;
  if (typeof v !== 'string') return null;
  if (v.replace(new RegExp(HOLE, 'g'), '').trim() === '') return { text: null, tagged: false };
  return { text: v, tagged: false };
}

interface Conn {
  kind: 'pg' | 'mysql' | 'sqlite';
  /** conninfo/URL, sqlite file; HOLE parts unknown. */
  dsn: string | null;
  targets: Target[];
}

function connection(j: Judged): Conn {
  const imp = j.program.imports.join(' ');
  const kind: Conn['kind'] = /\b(mysql|mysql2|pymysql|MySQLdb|mysqlclient|mysql\.connector|aiomysql|go-sql-driver)\b/.test(imp) ? 'mysql' : /\b(sqlite3|better-sqlite3|sqlite|aiosqlite|bun:sqlite)\b/.test(imp) ? 'sqlite' : 'pg';
  for (const c of j.program.calls) {
    if (!/(^|\.)(connect|create_engine|create_async_engine|create_pool|Client|Pool|createPool|createConnection|Connection\.new|Database|Open|Connect|New|knex|postgres|Sequelize|PrismaClient)(\(\))?$/.test(c.callee)) continue;
    if (/^(requests|httpx|socket|ssl|http|urllib|net|tls)\b/.test(c.callee)) continue;
    let dsn: string | null = null;
    if (/Open$/.test(c.callee)) dsn = str(c.args[1]);
    else {
      const first = c.args[0];
      const s = first ? str(first) : null;
      if (s !== null && typeof first?.value() === 'string') dsn = s;
      else {
        const o = obj(first) ?? {};
        const cs = o.connectionString ?? o.connection ?? o.url ?? (o.datasources as Record<string, V> | undefined)?.db;
        if (typeof cs === 'string') dsn = cs;
        else if (cs && typeof cs === 'object' && !Array.isArray(cs)) {
          const x = cs as Record<string, V>;
          if (typeof x.connectionString === 'string') dsn = x.connectionString;
          else if (typeof x.host === 'string') dsn = `host=${x.host}${typeof x.database === 'string' ? ` dbname=${x.database}` : ''}`;
        } else if (typeof o.host === 'string') dsn = `host=${o.host}${typeof o.database === 'string' ? ` dbname=${o.database}` : typeof o.dbname === 'string' ? ` dbname=${o.dbname}` : ''}`;
        else if (c.kwargs.dsn) dsn = str(c.kwargs.dsn);
        else if (c.kwargs.host) dsn = `host=${str(c.kwargs.host)}${c.kwargs.dbname || c.kwargs.database ? ` dbname=${str(c.kwargs.dbname ?? c.kwargs.database)}` : ''}`;
      }
    }
    if (dsn !== null) {
      const host = /@([^:/?\u0000]+)/.exec(dsn)?.[1] ?? /host=([^\s\u0000]+)/.exec(dsn)?.[1];
      return { kind, dsn, targets: host ? [{ kind: 'host', value: host }] : [] };
    }
  }
  return { kind, dsn: null, targets: [] };
}

function sqlLine(c: Conn, sqlWord: string): string {
  if (c.kind === 'mysql') {
    const host = c.targets[0]?.value;
    return `mysql ${host ? `-h ${shq(host)} ` : ''}-e ${sqlWord}`;
  }
  if (c.kind === 'sqlite') return `sqlite3 ${c.dsn ? shq(c.dsn.replace(/^sqlite:\/\/\/?/, '')) : SHELL_HOLE} ${sqlWord}`;
  const dsn = c.dsn && /^[a-z]+:\/\//.test(c.dsn) ? c.dsn.replace(/^postgres(ql)?\+\w+:/, 'postgresql:') : c.dsn;
  return `psql ${dsn ? `${shq(dsn)} ` : ''}-c ${sqlWord}`;
}

// ---- ORMs ----

function ormCall(lang: Lang, c: CallSite): { api: string; model: string } | null {
  const k = c.callee;
  if (lang === 'ruby') {
    const m = /^([A-Z][\w:]*)(?:\.all|\.unscoped)?\.(delete_all|destroy_all|truncate)$/.exec(k);
    if (m && !c.args.length) return { api: m[2]!, model: m[1]! };
  }
  if (lang === 'python') {
    const m = /(?:^|\.)([A-Z]\w*)\.objects(?:\.all\(\))?\.delete$/.exec(k);
    if (m) return { api: 'objects.all().delete()', model: m[1]! };
    const s = /^(?:\w+\.)*query\(\)\.delete$/.exec(k);
    if (s && c.root && /query$/.test(c.root.callee)) return { api: 'query().delete()', model: c.root.args[0]?.text ?? '?' };
  }
  if (lang === 'javascript') {
    const m = /\.(\w+)\.(deleteMany|destroy)$/.exec(k);
    if (m && /PrismaClient|prisma|db/i.test(k)) {
      const o = obj(c.args[0]);
      const where = o?.where;
      if (!c.args.length || (o && (where === undefined || (where && typeof where === 'object' && Object.keys(where).length === 0)) )) return { api: m[2]!, model: m[1]! };
    }
  }
  return null;
}
