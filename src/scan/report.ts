// Text, JSON and SARIF 2.1.0 views of a scan. Everything here works from masked credentials:
// no raw value reaches this module.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Credential, WallFinding } from './types';

export interface Report {
  session: string | null;
  roots: string[];
  filesRead: number;
  credentials: Credential[];
  wall: WallFinding[];
}

const where = (c: Credential) =>
  c.location.source === 'environ' ? `$${c.location.variable} (process environment)` : `${c.location.path}${c.location.line ? `:${c.location.line}` : ''}${c.location.ignored ? ' (git-ignored)' : ''}`;

export function textReport(r: Report, color: { bold(s: string): string; red(s: string): string; yellow(s: string): string; dim(s: string): string }): string {
  const lines: string[] = [];
  if (!r.credentials.length) lines.push(`No credentials found (${r.filesRead} files read).`);
  else lines.push(color.bold(`${r.credentials.length} credential${r.credentials.length === 1 ? '' : 's'} an agent here can read (${r.filesRead} files read):`));
  for (const c of r.credentials) {
    lines.push('');
    lines.push(`  ${color.bold(`${c.provider} ${c.kind}`)}  ${c.masked}`);
    lines.push(`    where:        ${where(c)}${c.location.variable && c.location.source !== 'environ' ? `  (${c.location.variable})` : ''}`);
    lines.push(`    environment:  ${c.environment}${c.evidence.length ? color.dim(`  (${c.evidence.join('; ')})`) : color.dim('  (nothing in its name, path or file names one)')}`);
    if (c.capability) lines.push(`    can do:       ${c.capability.valid ? '' : color.dim('? ')}${c.capability.summary}${c.capability.identity ? color.dim(`  [${c.capability.identity}]`) : ''}`);
  }
  if (r.session !== null) {
    lines.push('');
    const errors = r.wall.filter((w) => w.level === 'error');
    if (!r.wall.length) lines.push(`Wall check (${r.session} session): every reachable credential belongs to ${r.session}.`);
    else {
      lines.push(color.bold(`Wall check (${r.session} session): ${errors.length} error${errors.length === 1 ? '' : 's'}, ${r.wall.length - errors.length} warning${r.wall.length - errors.length === 1 ? '' : 's'}`));
      for (const w of r.wall) lines.push(`  ${w.level === 'error' ? color.red('error  ') : color.yellow('warning')} ${w.message}`);
      if (errors.length) lines.push('', `  Move these out of the agent's reach (or give the session credentials made for ${r.session} only), then scan again.`);
    }
  }
  return lines.join('\n') + '\n';
}

export function jsonReport(r: Report): unknown {
  return {
    session: r.session,
    roots: r.roots,
    filesRead: r.filesRead,
    credentials: r.credentials,
    wall: r.session === null ? null : { ok: !r.wall.some((w) => w.level === 'error'), findings: r.wall.map((w) => ({ level: w.level, fingerprint: w.credential.fingerprint, message: w.message })) },
  };
}

const RULES: Sarif.ReportingDescriptor[] = [
  { id: 'airlock/scan/credential', name: 'ReachableCredential', shortDescription: { text: 'A credential an agent working here can read' }, defaultConfiguration: { level: 'note' }, help: { text: 'Keep credentials out of the working tree and the agent\'s home; give each session only the credentials made for its environment.' } },
  { id: 'airlock/scan/wall-production', name: 'ProductionCredentialReachable', shortDescription: { text: 'A production (or unplaced) credential is reachable from a non-production session' }, defaultConfiguration: { level: 'error' }, help: { text: 'Remove the credential from the agent\'s reach, or name its environment (path, variable, profile) if it is not production.' } },
  { id: 'airlock/scan/wall-broad', name: 'BroadScopeCredential', shortDescription: { text: 'A credential that reaches every environment' }, defaultConfiguration: { level: 'error' }, help: { text: 'Replace account-wide tokens with tokens scoped to one project and environment.' } },
  { id: 'airlock/scan/wall-other-environment', name: 'OtherEnvironmentCredential', shortDescription: { text: 'A credential of another environment than the session\'s' }, defaultConfiguration: { level: 'warning' }, help: { text: 'Give the session only the credentials of its own environment.' } },
];

function sarifLocation(c: Credential, root: string): Sarif.Location {
  if (c.location.source === 'environ') return { logicalLocations: [{ name: c.location.variable, kind: 'variable', fullyQualifiedName: `environ::${c.location.variable}` }] };
  const p = c.location.path ?? '';
  const region = c.location.line ? { region: { startLine: c.location.line } } : {};
  if (c.location.source === 'home') {
    return { physicalLocation: { artifactLocation: { uri: p.replace(/^~\//, ''), uriBaseId: 'HOME' }, ...region } };
  }
  const rel = path.isAbsolute(p) ? path.relative(root, p) : p;
  return { physicalLocation: { artifactLocation: { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' }, ...region } };
}

export function sarifReport(r: Report, version: string, homeDir: string): Sarif.Log {
  const root = r.roots[0] ?? process.cwd();
  const results: Sarif.Result[] = [];
  const wallOf = new Map(r.wall.map((w) => [w.credential, w]));
  for (const c of r.credentials) {
    const w = wallOf.get(c);
    const ruleId = !w ? 'airlock/scan/credential' : /every environment/.test(w.message) ? 'airlock/scan/wall-broad' : w.level === 'error' ? 'airlock/scan/wall-production' : 'airlock/scan/wall-other-environment';
    const text = w?.message ?? `${c.provider} ${c.kind} ${c.masked} (environment: ${c.environment}${c.capability ? `; ${c.capability.summary}` : ''})`;
    results.push({
      ruleId, ruleIndex: RULES.findIndex((x) => x.id === ruleId), level: w?.level ?? 'note', message: { text },
      locations: [sarifLocation(c, root)],
      partialFingerprints: { 'credentialFingerprint/v1': c.fingerprint },
      properties: { provider: c.provider, kind: c.kind, environment: c.environment, source: c.location.source },
    });
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'airlock', semanticVersion: version, rules: RULES } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root.endsWith('/') ? root : `${root}/`).href }, HOME: { uri: pathToFileURL(homeDir.endsWith('/') ? homeDir : `${homeDir}/`).href } },
      results,
      ...(r.session ? { properties: { session: r.session } } : {}),
    }],
  };
}
