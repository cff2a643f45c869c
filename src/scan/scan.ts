// `airlock scan`: the credentials an agent working in PATH could read, where each one is, whose
// it is, which environment it belongs to, and (online) what it can do.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EnvironmentMatcher } from '../policy/types';
import { DEFAULT_ENVIRONMENTS } from '../policy/environment';
import { detectFiles } from './detect';
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
  // Files are read in groups so the detectors can batch the library's work, memory stays bounded.
  let group: { abs: string; text: string; location: (hit: Hit) => Location; relPath: string }[] = [];
  let groupBytes = 0;
  const flush = async (): Promise<void> => {
    const hits = await detectFiles(group.map((g) => ({ path: g.abs, text: g.text })));
    group.forEach((g, i) => {
      for (const hit of hits[i]!) found.push({ hit, cred: credential(hit, g.location(hit), g.relPath, g.text, envs) });
    });
    group = [];
    groupBytes = 0;
  };
  const add = async (abs: string, location: (hit: Hit) => Location, relPath: string): Promise<void> => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const text = readText(abs);
    if (text === null) return;
    filesRead++;
    group.push({ abs, text, location, relPath });
    groupBytes += text.length;
    if (group.length >= 2000 || groupBytes >= 8 * 1024 * 1024) await flush();
  };
  for (const root of roots) {
    for (const f of treeFiles(root)) {
      const rel = roots.length > 1 ? path.relative(process.cwd(), f.abs) || f.rel : f.rel;
      await add(f.abs, (hit) => ({ source: 'tree', path: rel, line: hit.line, variable: hit.variable, ...(f.ignored ? { ignored: true } : {}) }), rel);
    }
  }
  if (opts.home) {
    const home = opts.homeDir ?? env.HOME ?? os.homedir();
    for (const abs of homeFiles(home)) {
      const shown = `~/${path.relative(home, abs)}`;
      await add(abs, (hit) => ({ source: 'home', path: shown, line: hit.line, variable: hit.variable }), path.relative(home, abs));
    }
  }
  await flush();
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
