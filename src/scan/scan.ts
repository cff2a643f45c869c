// `airlock scan`: the credentials an agent working in PATH could read, where each one is, whose
// it is, which environment it belongs to, and (online) what it can do.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EnvironmentMatcher } from '../policy/types';
import { DEFAULT_ENVIRONMENTS } from '../policy/environment';
import { detectText } from './detect';
import { environHits } from './environ';
import { homeFiles } from './home';
import { INTROSPECT } from './online/providers';
import { fileTargets, place } from './place';
import { fingerprint, maskCredential } from './mask';
import type { Credential, Hit, Location } from './types';
import { treeFiles } from './walk';

export interface ScanOptions {
  paths: string[];
  home?: boolean;
  environ?: boolean;
  online?: boolean;
  env?: Record<string, string | undefined>;
  homeDir?: string;
  environments?: Record<string, EnvironmentMatcher>;
}

export interface ScanResult {
  credentials: Credential[];
  /** Files read, for the record (and the benchmark). */
  filesRead: number;
  roots: string[];
}

const MAX_BYTES = 1024 * 1024;

function readText(abs: string): string | null {
  try {
    const st = fs.statSync(abs);
    if (!st.isFile() || st.size > MAX_BYTES) return null;
    const buf = fs.readFileSync(abs);
    // Binary files hold no text token (keys in PKCS#12 are found by name and reported whole).
    if (buf.subarray(0, 8192).includes(0)) return null;
    return buf.toString('utf8');
  } catch {
    return null;
  }
}

function credential(hit: Hit, location: Location, relPath: string | undefined, fileText: string, envs: Record<string, EnvironmentMatcher>): Credential {
  const { environment, evidence } = place(relPath, hit, fileTargets(fileText), envs);
  return {
    provider: hit.provider, kind: hit.kind, masked: maskCredential(hit.value), fingerprint: fingerprint(hit.value),
    location, environment, evidence, detector: hit.detector,
  };
}

/** Runs the scan; `values` maps each credential to its raw value for --online and is then dropped. */
export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const env = opts.env ?? process.env;
  const envs = opts.environments ?? DEFAULT_ENVIRONMENTS;
  const found: { cred: Credential; hit: Hit }[] = [];
  let filesRead = 0;
  const roots = (opts.paths.length ? opts.paths : ['.']).map((p) => path.resolve(p));
  const seen = new Set<string>();
  for (const root of roots) {
    for (const f of treeFiles(root)) {
      if (seen.has(f.abs)) continue;
      seen.add(f.abs);
      const text = readText(f.abs);
      if (text === null) continue;
      filesRead++;
      const rel = roots.length > 1 ? path.relative(process.cwd(), f.abs) || f.rel : f.rel;
      for (const hit of await detectText(f.abs, text)) {
        found.push({ hit, cred: credential(hit, { source: 'tree', path: rel, line: hit.line, variable: hit.variable, ...(f.ignored ? { ignored: true } : {}) }, rel, text, envs) });
      }
    }
  }
  if (opts.home) {
    const home = opts.homeDir ?? env.HOME ?? os.homedir();
    for (const abs of homeFiles(home)) {
      if (seen.has(abs)) continue;
      seen.add(abs);
      const text = readText(abs);
      if (text === null) continue;
      filesRead++;
      const shown = `~/${path.relative(home, abs)}`;
      for (const hit of await detectText(abs, text)) {
        found.push({ hit, cred: credential(hit, { source: 'home', path: shown, line: hit.line, variable: hit.variable }, path.relative(home, abs), text, envs) });
      }
    }
  }
  if (opts.environ) {
    for (const hit of await environHits(env)) found.push({ hit, cred: credential(hit, { source: 'environ', variable: hit.variable }, undefined, '', envs) });
  }
  if (opts.online) await introspectAll(found, env);
  return { credentials: found.map((f) => f.cred), filesRead, roots };
}

/** One provider call per distinct value (the same token in three files is asked about once). */
async function introspectAll(found: { cred: Credential; hit: Hit }[], env: Record<string, string | undefined>): Promise<void> {
  const byValue = new Map<string, Promise<Credential['capability']>>();
  for (const f of found) {
    const fn = INTROSPECT[f.hit.provider];
    if (!fn) continue;
    const key = `${f.hit.provider}\0${f.hit.value}`;
    if (!byValue.has(key)) byValue.set(key, fn(f.hit, env).catch((e: Error) => ({ valid: false, broad: false, summary: 'not checked: the provider could not be reached', error: e.message })));
    f.cred.capability = await byValue.get(key);
  }
}
