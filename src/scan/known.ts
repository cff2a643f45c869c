// Where a credential typed on a command line came from. An agent that found a token in one call
// and pastes it into the next leaves no trace on the line; the human approving the second call
// should still learn "this is the Railway token from ops/dns/cloudflare-sync.env". Two sources,
// neither holding values: the index the last `airlock scan` wrote (fingerprints and places), and
// a small bounded look through the secret-named files of the working directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stateDir } from '../util/paths';
import { detectKnown } from './detect';
import { fingerprint, maskCredential } from './mask';
import type { Credential } from './types';
import { isSecretName } from './walk';

export interface KnownCredential {
  fingerprint: string;
  provider: string;
  kind: string;
  masked: string;
  /** The file (absolute, or ~/ for home files) and line, or "the environment". */
  where: string;
  environment?: string;
}

interface Index {
  version: 1;
  entries: KnownCredential[];
}

const MAX_ENTRIES = 5000;
/** The look through the working directory: directory entries and time it may spend. */
const WALK_ENTRIES = 3000;
const WALK_MS = 40;
const WALK_DEPTH = 4;
const MAX_FILE = 64 * 1024;
const SKIP = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.terraform', 'dist', 'build', 'target', '.cache', '.next', 'vendor']);

type Env = Record<string, string | undefined>;

export function indexPath(env: Env = process.env): string {
  return path.join(stateDir(env), 'scan-index.json');
}

function readIndex(env: Env): KnownCredential[] {
  try {
    const data = JSON.parse(fs.readFileSync(indexPath(env), 'utf8')) as Index;
    return data.version === 1 && Array.isArray(data.entries) ? data.entries : [];
  } catch {
    return [];
  }
}

/** Records what a scan found (fingerprints and places, never values), newest first. */
export function writeIndex(credentials: Credential[], roots: string[], env: Env = process.env): void {
  const fresh: KnownCredential[] = credentials.map((c) => ({
    fingerprint: c.fingerprint, provider: c.provider, kind: c.kind, masked: c.masked, environment: c.environment,
    where: c.location.source === 'environ' ? `the environment (${c.location.variable ?? '?'})`
      : `${c.location.source === 'tree' && c.location.path && roots.length === 1 ? path.join(roots[0]!, c.location.path) : c.location.path ?? '?'}${c.location.line ? ` line ${c.location.line}` : ''}`,
  }));
  const places = new Set(fresh.map((e) => `${e.fingerprint}\0${e.where}`));
  const entries = [...fresh, ...readIndex(env).filter((e) => !places.has(`${e.fingerprint}\0${e.where}`))].slice(0, MAX_ENTRIES);
  const file = indexPath(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ version: 1, entries } satisfies Index) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Secret-named files under `dir`, breadth first, within the walk's bounds. */
function secretFiles(dir: string): string[] {
  const out: string[] = [];
  const deadline = performance.now() + WALK_MS;
  let entries = 0;
  let level = [dir];
  for (let depth = 0; depth < WALK_DEPTH && level.length; depth++) {
    const next: string[] = [];
    for (const d of level) {
      let list: fs.Dirent[];
      try {
        list = fs.readdirSync(d, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of list) {
        if (++entries > WALK_ENTRIES || performance.now() > deadline) return out;
        const p = path.join(d, e.name);
        if (e.isDirectory()) {
          if (!SKIP.has(e.name)) next.push(p);
        } else if (e.isFile() && isSecretName(path.relative(dir, p))) out.push(p);
      }
    }
    level = next;
  }
  return out;
}

/**
 * The place a credential value was seen: the scan index first, then the secret-named files of
 * `cwd` (bounded). Null when neither knows it.
 */
export function whereFound(value: string, opts: { cwd: string; env?: Env }): KnownCredential | null {
  const env = opts.env ?? process.env;
  const fp = fingerprint(value);
  const indexed = readIndex(env).find((e) => e.fingerprint === fp);
  if (indexed) return indexed;
  for (const file of secretFiles(opts.cwd)) {
    let text: string;
    try {
      if (fs.statSync(file).size > MAX_FILE) continue;
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (!text.includes(value)) continue;
    const hit = detectKnown(file, text).find((h) => h.value === value || h.value.includes(value));
    const line = text.slice(0, text.indexOf(value)).split('\n').length;
    return {
      fingerprint: fp, provider: hit?.provider ?? 'unknown', kind: hit?.kind ?? 'credential', masked: maskCredential(value),
      where: `${path.relative(opts.cwd, file) || file} line ${line}`,
    };
  }
  return null;
}
