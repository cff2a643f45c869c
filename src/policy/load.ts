// Loading rulesets. Built-in rulesets are YAML in rulesets/; the build turns them into one JSON
// file next to the bundle so a check does not pay for a YAML parser.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AllowEntry, DisableEntry, Rule, RulesetFile } from './types';
import { sha256Hex } from '../util/sha256';

export interface LoadedRule extends Rule {
  /** Where the rule came from (file path), for messages and `rules list`. */
  source: string;
  layer: string;
  /** Set when a later layer raised the decision/severity. */
  raisedBy?: string;
}

/** One ruleset file in force, with the layer it came from and whether it may weaken. */
export interface LoadedFile {
  file: string;
  layer: string;
  trusted: boolean;
  /** sha256 of the file's text (example verification cache key). */
  hash: string;
  data: RulesetFile;
}

export interface Rejected {
  source: string;
  layer: string;
  what: string;
  message: string;
}

export interface Policy {
  rules: LoadedRule[];
  environments: NonNullable<RulesetFile['environments']>;
  disabled: (DisableEntry & { source: string; layer: string })[];
  allowed: (AllowEntry & { source: string; layer: string })[];
  /** Weakening attempts refused (also in warnings). */
  rejected: Rejected[];
  /** Problems found while loading layers (rejected weakening attempts and so on). */
  warnings: string[];
  /** Load errors (bad files, failing examples): every check is confirmed until fixed. */
  errors: string[];
  files: LoadedFile[];
  /** The session environment declared in a trusted layer (user config), and where. */
  session?: { environment: string; source: string };
  /** The project's working tree (repo root, or cwd): layers inside it may only tighten. */
  workTree: string;
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
  let data: unknown;
  try {
    if (file.endsWith('.json')) data = JSON.parse(text);
    else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const YAML = require('yaml') as typeof import('yaml');
      data = YAML.parse(text) ?? {};
    }
  } catch (e) {
    throw new Error(`${file}: cannot parse: ${(e as Error).message.split('\n')[0]}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file}: a ruleset must be a mapping (rules:, environments:, ...)`);
  return data as RulesetFile;
}

export function readRulesetFile(file: string): { data: RulesetFile; hash: string } {
  const text = fs.readFileSync(file, 'utf8');
  return { data: parseRulesetText(text, file), hash: hashText(text) };
}

export function hashText(text: string): string {
  return sha256Hex(text);
}

/** Top-level files of rulesets/ only: rulesets/examples/ holds samples that are not loaded. */
export function builtinRulesetFiles(): string[] {
  const dir = path.join(packageRoot(), 'rulesets');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((f) => path.join(dir, f));
}

let builtin: { files: { file: string; data: RulesetFile }[] } | null = null;

let fromSources = false;

/**
 * The compiled built-in rulesets leave out the rules' examples (a third of their size, read on
 * every command). `airlock rules` needs them: it reads the YAML sources instead.
 */
export function useBuiltinSources(): void {
  if (!fromSources) builtin = null;
  fromSources = true;
}

export function loadBuiltin(): { file: string; data: RulesetFile }[] {
  if (builtin) return builtin.files;
  const compiled = path.join(packageRoot(), 'dist', 'rulesets.json');
  if (!fromSources && process.env.AIRLOCK_DEV_RULESETS !== '1' && fs.existsSync(compiled) && !process.env.VITEST) {
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
  if (rule.match && typeof rule.match === 'object') {
    for (const m of Array.isArray(rule.match) ? rule.match : [rule.match]) {
      if (!m || typeof m !== 'object' || !('type' in m)) errs.push(`${where}: every match entry needs a fact type`);
    }
  }
  return errs;
}
