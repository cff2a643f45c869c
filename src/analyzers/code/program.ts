// Judging a program file by what its calls do. Every finding goes through the path the same
// operation takes on the command line: spawned commands and SQL are handed back to the full
// pipeline as nested command lines (`psql DSN -c SQL`), HTTP calls become the `http`/`graphql`
// facts curl produces, file deletions become `code-delete` facts classified like rm operands.
// A value only known at run time in a risky call gives a fact the rules confirm, when the file
// itself hints at harm (destructive SQL words, an infrastructure host, a mutation); otherwise
// everyday code (an API client, a build script) stays quiet.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { innerFacts } from '../inner-facts';
import { classifyText, pathTargets } from '../files/paths';
import { requestFacts } from '../http/facts';
import { HOLE, type CallSite, type Judged, type Lang, type Program } from './lang/model';
import { SHELL_HOLE, SQL_HOLE, shq } from './calls/values';
import { spawnLine } from './calls/spawns';
import { deleteCall } from './calls/deletes';
import { httpCall } from './calls/http';
import { connection, looksLikeSql, sqlCall, sqlLine } from './calls/sql';
import { ormCall } from './calls/orm';

// The call judges (calls/*.ts) read these too: they live with the model, below both.
export type { Judged, Lang } from './lang/model';

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

export interface JudgeKinds {
  spawn: boolean;
  del: boolean;
  /** Callees a task runner provides (rake's `sh`, invoke's `c.run`), read as the canonical API they are. */
  aliases?: Record<string, string>;
}

export async function judgeProgram(j: Judged, cmd: Command, ctx: AnalyzeContext, kinds: JudgeKinds = { spawn: true, del: true }): Promise<Fact[]> {
  const facts: Fact[] = [];
  const hints = hintsOf(j.program);
  const via = (c: CallSite) => `${cmd.program} ${j.file}:${c.line}`;
  const label = (c: CallSite) => ({ programFile: j.file, programLine: c.line });
  const tool = cmd.program ?? j.lang;
  const conn = connection(j);
  for (const site of j.program.calls) {
    const alias = kinds.aliases?.[site.callee];
    const c = alias ? { ...site, callee: alias } : site;
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

