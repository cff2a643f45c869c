// One detector for the scanner and the engine: secretlint's recommended rules for token shapes
// (AWS, GitHub, npm, Vercel, Slack, private keys, connection strings...), airlock's assignment
// rule for values no library can place by shape (a Railway UUID under RAILWAY_TOKEN), and the
// structured token stores of CLIs (stores.ts). Hits carry the value; callers mask it.
import type { Hit } from './types';
import { isPlaceholder, isSecretName, providerByName, providerOfRule } from './providers';
import { storeHits } from './stores';
import { maskCredential } from './mask';

type LintSource = typeof import('@secretlint/core').lintSource;
interface Profiler {
  entries: unknown[];
  measures: unknown[];
}
let lint: { lintSource: LintSource; config: unknown; profiler: Profiler | null } | null = null;

/** secretlint's profiler, if it can be reached: see forgetTimings. */
function profilerOf(): Profiler | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { secretLintProfiler } = require(require.resolve('@secretlint/profiler', { paths: [require.resolve('@secretlint/core')] })) as { secretLintProfiler?: Profiler };
    return secretLintProfiler && Array.isArray(secretLintProfiler.entries) ? secretLintProfiler : null;
  } catch {
    return null;
  }
}

/**
 * secretlint's profiler observes every performance mark of every rule run and, for each, searches
 * all the entries it kept (the result is unused). Its observer is called between macrotasks, and
 * a scan of files read synchronously never yields one: all marks arrive at the end and the search
 * is quadratic (10,000 files took minutes). So each file yields once, letting the observer take
 * that file's marks, and the kept entries, which nothing reads, are dropped. The global marks
 * stay: measures still pending in the profiler refer to them by name.
 */
async function forgetTimings(profiler: Profiler | null): Promise<void> {
  if (!profiler) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  profiler.entries.length = 0;
  profiler.measures.length = 0;
}

function secretlint(): { lintSource: LintSource; config: unknown; profiler: Profiler | null } {
  if (!lint) {
    // Loaded on first use (~0.3 s): most airlock commands never need it.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { lintSource } = require('@secretlint/core') as typeof import('@secretlint/core');
    const { creator } = require('@secretlint/secretlint-rule-preset-recommend') as typeof import('@secretlint/secretlint-rule-preset-recommend');
    /* eslint-enable @typescript-eslint/no-require-imports */
    lint = { lintSource, config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] }, profiler: profilerOf() };
  }
  return lint;
}

/** A line `NAME=value`, `export NAME="value"`, `name = "value"` (tfvars, TOML), `name: value` (YAML), `"name": "value",` (JSON). */
const ASSIGN = /^\s*(?:export\s+|set\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?:=|:(?!\/\/))\s*(["']?)([^\s"'#,]+)\2\s*,?\s*(?:#.*)?$/;

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Credential-named assignments, one per line. */
export function assignmentHits(text: string): Hit[] {
  const out: Hit[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.length > 2000) continue;
    const m = ASSIGN.exec(l);
    if (!m) continue;
    const [, name, , value] = m as unknown as [string, string, string, string];
    if (!isSecretName(name) || isPlaceholder(value)) continue;
    // A URL is a secret only when it carries a password.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@/i.test(value)) continue;
    const { provider, kind } = providerByName(name, value);
    out.push({ provider, kind, value, line: i + 1, variable: name, detector: 'airlock/assignment' });
  }
  return out;
}

type Message = Awaited<ReturnType<LintSource>>['messages'][number];

async function lintMessages(filePath: string, text: string): Promise<Message[]> {
  const { lintSource, config, profiler } = secretlint();
  const result = await lintSource({
    source: { filePath, content: text, contentType: 'text' },
    // The messages quote the value: they are never shown, only ids, ranges and data.KEY are used.
    options: { config: config as never, maskSecrets: false },
  });
  await forgetTimings(profiler);
  return result.messages.filter((m) => m.range && m.ruleId !== '@secretlint/secretlint-rule-filter-comments');
}

/** A library message as a hit of `text`, its range shifted by `offset` (the file's place in a batch). */
function messageHit(m: Message, text: string, offset: number): Hit | null {
  const start = m.range![0] - offset;
  // Some rules' ranges start at the key name (`aws_secret_access_key = ...`): data.KEY is the value.
  const key = (m.data as Record<string, unknown> | undefined)?.KEY;
  const value = typeof key === 'string' && key.length >= 8 && text.includes(key) ? key : text.slice(start, m.range![1] - offset);
  if (!value.trim()) return null;
  const { provider, kind } = providerOfRule(m.ruleId, m.messageId);
  // An AWS key id or account id alone is not a credential; the key id rides along with its secret.
  if (kind === 'access key id' || kind === 'account id') return null;
  const line = lineOf(text, start);
  const assigned = ASSIGN.exec(text.split('\n')[line - 1] ?? '');
  return { provider, kind, value, line, variable: assigned?.[1], detector: m.ruleId };
}

/** secretlint's findings, with the line's variable name when the value is assigned. */
async function libraryHits(filePath: string, text: string): Promise<Hit[]> {
  return (await lintMessages(filePath, text)).map((m) => messageHit(m, text, 0)).filter((h): h is Hit => h !== null);
}

/**
 * Files the library must see alone: rules that read the file name (package.json, .npmrc, key
 * files) or parse the whole content (JSON service-account keys), and big files.
 */
function lintAlone(filePath: string, text: string): boolean {
  return /(^|\/)(package\.json|\.npmrc)$|\.(json|p12|pfx|pem|key)$/i.test(filePath) || text.length > BATCH_BYTES / 4;
}
const BATCH_BYTES = 512 * 1024;
const BATCH_FILES = 400;
/** Between files of a batch: no token spans it, and no rule reads across blank lines. */
const SEPARATOR = '\n\n\n';

/**
 * Library hits of many files at once. The library's cost is mostly per call (rule set-up, marks),
 * so ordinary text files are linted in batches, joined by blank lines, and each message is mapped
 * back to its file by offset. A message that straddles two files is dropped and both files are
 * linted alone, so a batch never finds less than the files would one by one.
 */
async function libraryHitsMany(files: { path: string; text: string }[]): Promise<Hit[][]> {
  const out: Hit[][] = files.map(() => []);
  let batch: number[] = [];
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const starts: number[] = [];
    let text = '';
    for (const i of batch) {
      starts.push(text.length);
      text += files[i]!.text + SEPARATOR;
    }
    const alone = new Set<number>();
    for (const m of await lintMessages(files[batch[0]!]!.path, text)) {
      let k = starts.length - 1;
      while (k > 0 && starts[k]! > m.range![0]) k--;
      const i = batch[k]!;
      const end = starts[k]! + files[i]!.text.length;
      if (m.range![1] > end) {
        alone.add(i);
        if (k + 1 < batch.length) alone.add(batch[k + 1]!);
        continue;
      }
      const hit = messageHit(m, files[i]!.text, starts[k]!);
      if (hit) out[i]!.push(hit);
    }
    for (const i of alone) out[i] = await libraryHits(files[i]!.path, files[i]!.text);
    batch = [];
    bytes = 0;
  };
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    if (lintAlone(f.path, f.text)) {
      out[i] = await libraryHits(f.path, f.text);
      continue;
    }
    batch.push(i);
    bytes += f.text.length;
    if (bytes >= BATCH_BYTES || batch.length >= BATCH_FILES) await flush();
  }
  await flush();
  return out;
}

/** Pairs an AWS secret key with the access key id next to it (needed to ask STS who it is). */
function pairAws(text: string, hits: Hit[]): void {
  const ids = [...text.matchAll(/\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g)].map((m) => ({ id: m[1]!, line: lineOf(text, m.index!) }));
  for (const h of hits) {
    if (h.provider !== 'aws' || h.companions?.accessKeyId || !ids.length) continue;
    const near = ids.reduce((a, b) => (Math.abs(b.line - (h.line ?? 0)) < Math.abs(a.line - (h.line ?? 0)) ? b : a));
    h.companions = { ...h.companions, accessKeyId: near.id };
  }
}

/** Merges hits of one value: the structured store or the library names the provider, the assignment adds its variable. */
function merge(hits: Hit[]): Hit[] {
  const byValue = new Map<string, Hit>();
  const rank = (h: Hit) => (h.detector.startsWith('airlock/store') ? 0 : h.provider === 'generic' ? 3 : h.detector === 'airlock/assignment' ? 2 : 1);
  for (const h of hits) {
    const key = [...byValue.keys()].find((v) => v === h.value || (v.length > 12 && h.value.includes(v)) || (h.value.length > 12 && v.includes(h.value)));
    const prev = key === undefined ? undefined : byValue.get(key);
    if (!prev) {
      byValue.set(h.value, h);
      continue;
    }
    const [best, other] = rank(h) < rank(prev) ? [h, prev] : [prev, h];
    // A generic library kind (basic auth, connection string) loses its place to a named variable's provider.
    const named = other.detector === 'airlock/assignment' && other.provider !== 'generic' && ['basic-auth', 'postgres'].includes(best.provider) && !best.detector.startsWith('airlock/store') ? other : best;
    const mergedHit: Hit = { ...named, variable: named.variable ?? other.variable, line: named.line ?? other.line, companions: { ...other.companions, ...named.companions }, hints: [...(best.hints ?? []), ...(other.hints ?? [])] };
    byValue.delete(key!);
    byValue.set(mergedHit.value, mergedHit);
  }
  return [...byValue.values()].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Every credential in one file's text. `path` is absolute (stores are recognised by it). */
export async function detectText(path: string, text: string): Promise<Hit[]> {
  return (await detectFiles([{ path, text }]))[0]!;
}

/** Every credential in each file, in order: detectText for many files, with the library batched. */
export async function detectFiles(files: { path: string; text: string }[]): Promise<Hit[][]> {
  const texts = files.map((f) => (f.text.includes('\u0000') ? { ...f, text: '' } : f));
  const library = await libraryHitsMany(texts.filter((f) => f.text));
  let next = 0;
  return texts.map((f) => {
    if (!f.text) return [];
    const hits = [...storeHits(f.path, f.text), ...assignmentHits(f.text), ...library[next++]!];
    pairAws(f.text, hits);
    return merge(hits);
  });
}

/**
 * The same detectors without the library, synchronous: for the engine, which describes a file a
 * command reads (its name already says it holds secrets) on the command's own time budget.
 */
export function detectKnown(path: string, text: string): Hit[] {
  if (text.includes('\u0000')) return [];
  const p = path.startsWith('/') ? path : `/${path}`;
  const hits = [...storeHits(p, text), ...assignmentHits(text)];
  pairAws(text, hits);
  return merge(hits);
}

/** One line naming what a file reveals: "railway API token RAILWAY_TOKEN 7f3a…#3af1a41b (line 3)". */
export function describeHits(hits: Hit[], max = 3): string {
  const parts = hits.slice(0, max).map((h) => `${h.provider} ${h.kind}${h.variable ? ` ${h.variable}` : ''} ${maskCredential(h.value)}${h.line ? ` (line ${h.line})` : ''}`);
  if (hits.length > max) parts.push(`${hits.length - max} more`);
  return parts.join('; ');
}
