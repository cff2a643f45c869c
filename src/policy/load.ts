// Loading rulesets. Built-in rulesets are YAML in rulesets/; the build turns them into one JSON
// file next to the bundle so a check does not pay for a YAML parser.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule, RulesetFile } from './types';

export interface LoadedRule extends Rule {
  /** Where the rule came from (file path), for messages and `rules list`. */
  source: string;
  layer: string;
}

export interface Policy {
  rules: LoadedRule[];
  environments: NonNullable<RulesetFile['environments']>;
  disabled: { rule: string; reason: string; source: string }[];
  allowed: { command: string; reason: string; source: string }[];
  /** Problems found while loading layers (rejected weakening attempts and so on). */
  warnings: string[];
}

let root: string | null = null;

/** The package root (holds package.json and rulesets/), from the bundle or from src/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'rulesets')) && fs.existsSync(path.join(dir, 'package.json'))) return (root = dir);
    dir = path.dirname(dir);
  }
  throw new Error(`airlock: cannot find its rulesets/ directory above ${__dirname}`);
}

export function parseRulesetText(text: string, file: string): RulesetFile {
  if (file.endsWith('.json')) return JSON.parse(text) as RulesetFile;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  return (YAML.parse(text) ?? {}) as RulesetFile;
}

export function builtinRulesetFiles(): string[] {
  const dir = path.join(packageRoot(), 'rulesets');
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

let builtin: { files: { file: string; data: RulesetFile }[] } | null = null;

export function loadBuiltin(): { file: string; data: RulesetFile }[] {
  if (builtin) return builtin.files;
  const compiled = path.join(packageRoot(), 'dist', 'rulesets.json');
  if (process.env.AIRLOCK_DEV_RULESETS !== '1' && fs.existsSync(compiled) && !process.env.VITEST) {
    builtin = JSON.parse(fs.readFileSync(compiled, 'utf8')) as { files: { file: string; data: RulesetFile }[] };
    builtin.files = builtin.files.map((f) => ({ ...f, file: path.join(packageRoot(), f.file) }));
    return builtin.files;
  }
  builtin = { files: builtinRulesetFiles().map((file) => ({ file, data: parseRulesetText(fs.readFileSync(file, 'utf8'), file) })) };
  return builtin.files;
}

export function validateRule(rule: Rule, source: string): string[] {
  const errs: string[] = [];
  const where = `${source}: rule ${rule.id ?? '(no id)'}`;
  if (!rule.id || !/^[a-z0-9-]+(\/[a-z0-9._-]+)+$/.test(rule.id)) errs.push(`${where}: id must be namespaced like "family/name"`);
  if (!['allow', 'confirm', 'deny'].includes(rule.decision)) errs.push(`${where}: decision must be allow, confirm or deny`);
  if (!['low', 'medium', 'high', 'critical'].includes(rule.severity)) errs.push(`${where}: severity must be low, medium, high or critical`);
  if (!rule.match) errs.push(`${where}: match is required`);
  if (!rule.message) errs.push(`${where}: message is required`);
  if (!rule.description) errs.push(`${where}: description is required`);
  return errs;
}
