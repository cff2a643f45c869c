// Append-only, hash-chained JSON Lines audit log at <stateDir>/audit.jsonl. Each record's
// hash covers the previous hash, so editing, removing or inserting a line breaks the chain
// from that point (verifyAudit). Writers never throw into the guard: auditing must not decide.
import { sha256Hex } from '../util/sha256';
import * as fs from 'fs';
import * as path from 'path';
import type { CheckResult } from '../types';
import { maskSecrets } from '../util/mask';
import { ensureStateDir, stateDir } from '../util/paths';
import { withFileLock } from '../util/file-lock';

export type AuditKind = 'decision' | 'request' | 'answer' | 'checkpoint';

export interface AuditRecord {
  ts: string;
  kind: AuditKind;
  prev: string;
  hash: string;
  [field: string]: unknown;
}

export type AuditInput = { kind: AuditKind } & Record<string, unknown>;

/** `prev` of the first record. */
export const GENESIS = '0'.repeat(64);

export function auditPath(env: Record<string, string | undefined> = process.env): string {
  return path.join(stateDir(env), 'audit.jsonl');
}

const sha256 = sha256Hex;

/** JSON with object keys sorted at every level and undefined members dropped. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The hash a record must carry: sha256(prev + canonical JSON of the record without `hash`). */
export function recordHash(rec: Record<string, unknown>): string {
  const { hash: _omit, ...rest } = rec;
  return sha256(String(rest.prev ?? '') + canonicalJson(rest));
}

function maskDeep(v: unknown): unknown {
  if (typeof v === 'string') return maskSecrets(v);
  if (Array.isArray(v)) return v.map(maskDeep);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, maskDeep(x)]));
  }
  return v;
}

/** Hash of the last line and whether the file lacks a final newline (torn write). */
function tail(fd: number): { prev: string; torn: boolean } {
  const size = fs.fstatSync(fd).size;
  if (size === 0) return { prev: GENESIS, torn: false };
  let pos = size;
  let buf = Buffer.alloc(0);
  let line = '';
  while (pos > 0) {
    const n = Math.min(65536, pos);
    pos -= n;
    const chunk = Buffer.alloc(n);
    fs.readSync(fd, chunk, 0, n, pos);
    buf = Buffer.concat([chunk, buf]);
    const text = buf.toString('utf8').replace(/\n+$/, '');
    const nl = text.lastIndexOf('\n');
    if (nl >= 0 || pos === 0) {
      line = text.slice(nl + 1);
      break;
    }
  }
  const torn = buf[buf.length - 1] !== 0x0a;
  try {
    const h = (JSON.parse(line) as { hash?: unknown }).hash;
    if (typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)) return { prev: h, torn };
  } catch {
    // fall through: chain onto the damaged line itself
  }
  return { prev: sha256(line), torn };
}

/** Appends one record (secrets masked) and returns it as written. Throws on I/O errors. */
export function appendAudit(record: AuditInput): AuditRecord {
  const dir = ensureStateDir();
  const file = path.join(dir, 'audit.jsonl');
  const { kind, ts: _ts, prev: _p, hash: _h, ...fields } = record;
  return withFileLock(file + '.lock', () => {
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o600);
    try {
      const { prev, torn } = tail(fd);
      const base = { ts: new Date().toISOString(), kind, ...(maskDeep(fields) as object), prev };
      const rec = { ...base, hash: recordHash(base) } as AuditRecord;
      fs.writeSync(fd, (torn ? '\n' : '') + JSON.stringify(rec) + '\n');
      forward(rec);
      return rec;
    } finally {
      fs.closeSync(fd);
    }
  });
}

/**
 * Optional copy to the system log (journald/syslog through logger(1)) when AIRLOCK_AUDIT_SYSLOG=1:
 * a record there is out of the log file's reach. Fire and forget.
 */
function forward(rec: AuditRecord): void {
  if (process.env.AIRLOCK_AUDIT_SYSLOG !== '1') return;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cp = require('child_process') as typeof import('child_process');
    const p = cp.spawn('logger', ['-t', 'airlock', '--', JSON.stringify(rec).slice(0, 8000)], { stdio: 'ignore', detached: true });
    p.on('error', () => {});
    p.unref();
  } catch {
    // logger missing: the file is still written.
  }
}

/** Logs a check result. Allow decisions are skipped when AIRLOCK_AUDIT_ALLOWS=0. Never throws. */
export function auditDecision(line: string, result: CheckResult, source: string, extra: { cwd?: string } = {}): void {
  if (result.decision === 'allow' && process.env.AIRLOCK_AUDIT_ALLOWS === '0') return;
  try {
    appendAudit({
      kind: 'decision',
      decision: result.decision,
      source,
      command: line,
      cwd: extra.cwd ?? safeCwd(),
      rules: [...new Set(result.findings.map((f) => f.rule))],
      findings: result.findings.map((f) => ({
        rule: f.rule,
        decision: f.decision,
        severity: f.severity,
        resource: f.resource,
        environment: f.environment,
        reason: f.reason,
      })),
      errors: result.errors,
      elapsedMs: result.elapsedMs,
    });
  } catch {
    // see client.ts: a broken log must not change what the guard does
  }
}

function safeCwd(): string | undefined {
  try {
    return process.cwd();
  } catch {
    return undefined;
  }
}

export interface ReadAuditOptions {
  since?: Date;
  /** allow|confirm|deny matches decisions; approved|denied matches answers. */
  decision?: string;
  /** Rule id; a trailing `*` matches a prefix. */
  rule?: string;
  /** Keep only the last N matches. */
  limit?: number;
  file?: string;
}

function ruleMatches(rec: AuditRecord, rule: string): boolean {
  const ids = Array.isArray(rec.rules) ? (rec.rules as unknown[]).map(String) : [];
  return ids.some((id) => (rule.endsWith('*') ? id.startsWith(rule.slice(0, -1)) : id === rule));
}

export function readAudit(opts: ReadAuditOptions = {}): AuditRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(opts.file ?? auditPath(), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: AuditRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let rec: AuditRecord;
    try {
      rec = JSON.parse(line);
    } catch {
      continue; // --verify reports damage; listing shows what is readable
    }
    if (opts.since && !(Date.parse(rec.ts) >= opts.since.getTime())) continue;
    if (opts.decision) {
      const d = opts.decision;
      const ok =
        (rec.kind === 'decision' && rec.decision === d) ||
        (rec.kind === 'answer' && ((d === 'approved' && rec.approved === true) || (d === 'denied' && rec.approved !== true)));
      if (!ok) continue;
    }
    if (opts.rule && !ruleMatches(rec, opts.rule)) continue;
    out.push(rec);
  }
  return opts.limit !== undefined && opts.limit >= 0 ? out.slice(Math.max(0, out.length - opts.limit)) : out;
}

export interface VerifyResult {
  ok: boolean;
  /** 1-based line number of the first record that breaks the chain. */
  badLine?: number;
  message: string;
  records: number;
}

/** Walks the chain. Note: dropping lines at the very end cannot be detected by a chain alone. */
export function verifyAudit(opts: { file?: string; anchors?: string } = {}): VerifyResult {
  const file = opts.file ?? auditPath();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const anchor = require('./anchor') as typeof import('./anchor');
  const anchors = anchor.readAnchors(opts.anchors ?? path.join(path.dirname(file), 'audit.anchors'));
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      if (anchors.length) return { ok: false, message: `the audit log is missing, but the approver recorded ${anchors[anchors.length - 1]!.records} records (${file})`, records: 0 };
      return { ok: true, message: `no audit log yet (${file})`, records: 0 };
    }
    return { ok: false, message: `cannot read ${file}: ${(e as Error).message}`, records: 0 };
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let prev = GENESIS;
  const hashes: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const bad = (why: string): VerifyResult => ({ ok: false, badLine: n, message: `line ${n}: ${why}`, records: i });
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(lines[i]!);
    } catch {
      return bad('not valid JSON (edited or torn write)');
    }
    if (!rec || typeof rec !== 'object') return bad('not a record');
    if (rec.prev !== prev) return bad('does not follow the previous line (a line was removed, inserted or reordered before it)');
    if (rec.hash !== recordHash(rec)) return bad('hash mismatch (the line was edited)');
    prev = String(rec.hash);
    hashes.push(prev);
  }
  const mismatch = anchor.anchorMismatch(hashes, anchors);
  if (mismatch) return { ok: false, message: `${mismatch} (${file})`, records: lines.length };
  return { ok: true, message: `audit log intact: ${lines.length} records (${file})`, records: lines.length };
}
