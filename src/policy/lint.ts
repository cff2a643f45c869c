// `airlock rules lint`: schema/ruleset.schema.json (a small interpreter of the JSON Schema
// subset it uses) plus semantic checks the schema cannot express.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot, parseRulesetText } from './load';
import type { RulesetFile } from './types';
import type { Policy } from './load';
import { locateMatchKey, matchKeyIssues } from './fact-keys';

type Schema = Record<string, unknown>;

export interface LintIssue {
  level: 'error' | 'warning';
  file: string;
  message: string;
}

let schema: Schema | null = null;
function rootSchema(): Schema {
  return (schema ??= JSON.parse(fs.readFileSync(path.join(packageRoot(), 'schema', 'ruleset.schema.json'), 'utf8')) as Schema);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'number' ? 'number' : typeof v;
}

function resolveRef(s: Schema): Schema {
  const ref = s.$ref as string | undefined;
  if (!ref) return s;
  let cur: unknown = rootSchema();
  for (const part of ref.replace(/^#\//, '').split('/')) cur = (cur as Schema)[part];
  return resolveRef(cur as Schema);
}

/** Errors of `value` against `s`, with JSON-pointer-ish paths. */
export function validate(value: unknown, s: Schema, at = ''): string[] {
  s = resolveRef(s);
  const errs: string[] = [];
  const where = at || '(top)';
  if (s.oneOf) {
    const results = (s.oneOf as Schema[]).map((x) => validate(value, x, at));
    const ok = results.filter((r) => r.length === 0).length;
    if (ok === 0) return results.reduce((a, b) => (b.length < a.length ? b : a));
    return [];
  }
  if (s.enum && !(s.enum as unknown[]).includes(value)) return [`${where}: must be one of ${(s.enum as unknown[]).join(', ')}`];
  const t = s.type as string | undefined;
  if (t && typeOf(value) !== t && !(t === 'integer' && Number.isInteger(value))) return [`${where}: must be ${t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : `a ${t}`}`];
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && value.length < s.minLength) errs.push(`${where}: must not be empty`);
    if (s.pattern && !new RegExp(s.pattern as string).test(value)) errs.push(`${where}: "${value}" must match ${s.pattern as string}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) errs.push(`${where}: needs at least ${s.minItems} item(s)`);
    if (s.items) value.forEach((v, i) => errs.push(...validate(v, s.items as Schema, `${at}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required as string[] | undefined) ?? []) if (!(r in obj)) errs.push(`${where}: missing "${r}"`);
    const n = Object.keys(obj).length;
    if (typeof s.minProperties === 'number' && n < s.minProperties) errs.push(`${where}: needs at least ${s.minProperties} key(s)`);
    if (typeof s.maxProperties === 'number' && n > s.maxProperties) errs.push(`${where}: allows at most ${s.maxProperties} key(s)`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = `${at ? `${at}.` : ''}${k}`;
      if (props[k]) errs.push(...validate(v, props[k]!, sub));
      else if (s.additionalProperties === false) errs.push(`${where}: unknown key "${k}"`);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') errs.push(...validate(v, s.additionalProperties as Schema, sub));
    }
  }
  return errs;
}

/** Schema and semantic checks of one file. `policy` (the loaded policy) gives context. */
export function lintFile(file: string, policy: Policy | null): LintIssue[] {
  const issues: LintIssue[] = [];
  const err = (message: string) => issues.push({ level: 'error', file, message });
  const warn = (message: string) => issues.push({ level: 'warning', file, message });
  let data: RulesetFile;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
    data = parseRulesetText(text, file);
  } catch (e) {
    err((e as Error).message.replace(`${file}: `, ''));
    return issues;
  }
  for (const e of validate(data, rootSchema())) err(e);
  const ids = new Set<string>();
  for (const rule of Array.isArray(data.rules) ? data.rules : []) {
    if (!rule || typeof rule !== 'object') continue;
    if (ids.has(rule.id)) err(`rule ${rule.id} is defined twice in this file`);
    ids.add(rule.id);
    if (!rule.examples?.match?.length) warn(`rule ${rule.id} has no examples.match: nothing shows it fires`);
    if (!rule.examples?.no_match?.length) warn(`rule ${rule.id} has no examples.no_match: nothing shows it is narrow enough`);
    if ((rule.severity === 'critical' || rule.severity === 'high') && rule.examples?.match?.length && !rule.examples.match.some((e) => typeof e === 'object' && e !== null && 'resource' in e))
      warn(`rule ${rule.id} is ${rule.severity}: give one examples.match entry the resource the human will type ({command: ..., resource: ..., environment: ...})`);
    if (rule.decision === 'allow') warn(`rule ${rule.id} has decision allow: it can never make a command stricter (use disable/allow in a user-layer file to relax)`);
    if (typeof rule.message === 'string' && rule.decision !== 'allow' && !/instead|ask your human|rather|use |safer|run /i.test(rule.message) && !rule.suggestion)
      warn(`rule ${rule.id}: the message should name a safer alternative (or add suggestion:)`);
    if (rule.match && typeof rule.match === 'object') for (const i of matchKeyIssues(rule)) {
      const at = locateMatchKey(text, i);
      err(`${at ? `line ${at.line}:${at.col}: ` : ''}rule ${i.rule}: ${i.message}`);
    }
    for (const m of Array.isArray(rule.match) ? rule.match : rule.match ? [rule.match] : []) {
      for (const [k, v] of Object.entries(m ?? {})) {
        if (typeof v === 'string' && v.trim() === '') err(`rule ${rule.id}: match key "${k}" has an empty pattern`);
      }
    }
    const prev = policy?.rules.find((r) => r.id === rule.id && path.resolve(r.source) !== path.resolve(file));
    if (prev) warn(`rule ${rule.id} is also defined in ${prev.source}: ${prev.layer === 'builtin' ? 'only a layer outside the working tree may replace it' : 'the later layer wins'}`);
  }
  const known = new Set(policy?.rules.map((r) => r.id) ?? []);
  for (const d of Array.isArray(data.disable) ? data.disable : []) if (policy && d?.rule && !known.has(d.rule)) warn(`disable: no loaded rule is called ${d.rule}`);
  for (const r of Array.isArray(data.raise) ? data.raise : []) if (policy && r?.rule && !known.has(r.rule)) warn(`raise: no loaded rule is called ${r.rule}`);
  if (policy) {
    const inTree = !path.relative(policy.workTree, path.resolve(file)).startsWith('..');
    if (inTree && (data.disable?.length || data.allow?.length)) warn('this file is inside the working tree: its disable/allow entries will be rejected (only layers outside it may relax)');
    for (const r of policy.rejected.filter((x) => path.resolve(x.source) === path.resolve(file))) warn(`rejected ${r.what}: ${r.message}`);
  }
  return issues;
}
