// npm run corpus -- DIR: replays a directory of labelled commands (*.jsonl, one {cmd, expect} per
// line, e.g. the peers' public test suites) through airlock. A report, not a test.
// block cases count as agreed when airlock flags them (confirm or deny); allow cases when it allows.
// Skipped: the .contextual files (mode/env/HOME conditions we do not reproduce) and cases the peers
// mark policy_dependent. Prints per-file and overall figures, the subset of the engine's four
// families, and writes every disagreement to docs/corpus/disagreements.generated.md.
// Disputes: docs/corpus/disputes.yaml lists cases whose peer label we argue is wrong or depends on
// context, each with its reason. Figures are printed raw and over the undisputed cases; a dispute
// whose case now agrees (or is no longer in the corpus) is reported as stale.
// Friction: before the labelled corpus, the share of everyday commands (and sessions) from
// test/fixtures/corpora/everyday that would ask a human, with the rules responsible (--friction-only: just that);
// then the labelled examples and the real agent actions (test/fixtures/corpora/agent-actions: commands and
// sessions asked, top rules, safe actions flagged and destructive ones missed).
// Usage: node scripts/corpus.mjs DIR [--list] [--file=NAME] [--json=PATH]
// Options: --list (print every disagreement), --file=NAME (restrict), --json=PATH (disagreements as JSON).
import { readFileSync, readdirSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { check } = require(join(root, 'dist/lib.cjs'));
const YAML = require('yaml');
const corpusDir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? process.env.AIRLOCK_CORPUS_DIR;
// Friction on everyday agent work (test/fixtures/corpora/everyday, built from public sources): printed
// on every run, with or without a labelled corpus.
{
  const { frictionReport, labelledReport, agentActionsReport } = await import('./lib/friction.mjs');
  await frictionReport(check, join(root, 'test', 'fixtures', 'corpora', 'everyday'));
  // Labelled harmful and benign examples built from public sources (test/fixtures/corpora/labelled).
  await labelledReport(check, join(root, 'test', 'fixtures', 'corpora', 'labelled'));
  // Public rm/delete guards' own test suites (test/fixtures/corpora/deletions), same harness.
  await labelledReport(check, join(root, 'test', 'fixtures', 'corpora', 'deletions'));
  // Real agent actions labelled safe/destructive (test/fixtures/corpora/agent-actions).
  await agentActionsReport(check, join(root, 'test', 'fixtures', 'corpora', 'agent-actions'));
}
if (!corpusDir && process.argv.includes('--friction-only')) process.exit(0);
if (!corpusDir || !existsSync(corpusDir)) {
  console.error(`usage: npm run corpus -- DIR [--list] [--file=NAME] [--json=PATH]\n  DIR: a directory of labelled command files (*.jsonl, one {"cmd", "expect": "block"|"allow"} per line)${corpusDir ? `\n  ${corpusDir}: no such directory` : ''}`);
  process.exit(2);
}
const list = process.argv.includes('--list');
const only = process.argv.find((a) => a.startsWith('--file='))?.slice(7);
const jsonOut = process.argv.find((a) => a.startsWith('--json='))?.slice(7);

// Disputes: key file|expect|cmd -> reason.
const disputesPath = join(root, 'docs', 'corpus', 'disputes.yaml');
const disputes = new Map();
const fileKey = (f) => (f.endsWith('.jsonl') ? f : `${f}.jsonl`);
const key = (file, expect, cmd) => `${fileKey(file)}\u0000${expect}\u0000${cmd}`;
if (existsSync(disputesPath)) {
  const doc = YAML.parse(readFileSync(disputesPath, 'utf8')) ?? [];
  for (const group of doc) for (const c of group.cases ?? []) {
    const k = key(c.file, c.expect, c.cmd);
    if (disputes.has(k)) console.error(`duplicate dispute: [${c.file}] ${c.cmd}`);
    disputes.set(k, { reason: group.reason, category: group.category ?? group.reason, used: false, seen: false });
  }
}

// A project directory for cases whose peer ran them in "<project dir>".
const project = join(tmpdir(), 'airlock-corpus-project');
mkdirSync(join(project, '.git'), { recursive: true });
if (!existsSync(join(project, 'package.json'))) writeFileSync(join(project, 'package.json'), '{"name":"demo","scripts":{}}');

const FAMILY = /(^|[\s;|&(`$/'"])(curl|wget|https?|xh|gh\s+api|psql|pgcli|dropdb|pg_restore|terraform|tofu|terragrunt|railway)(\s|$)/;
const ENV = { HOME: '/home/agent', PATH: '/usr/local/bin:/usr/bin:/bin', USER: 'agent', TMPDIR: '/tmp', SHELL: '/bin/bash' };

function cwdFor(c) {
  if (c.cwd === '<project dir>') return project;
  if (c.cwd === '/tmp') return '/tmp';
  // No cwd recorded: an ordinary project directory. (safety-net's `cwd: null` means "unknown", which
  // airlock never has: it always checks in the command's real cwd.)
  return project;
}

const files = readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl') && !f.includes('.contextual') && (!only || f.includes(only)));
const rows = [];
const disagreements = [];
const totals = { block: 0, flagged: 0, allow: 0, allowed: 0, dBlock: 0, dAllow: 0 };
const fam = { block: 0, flagged: 0, allow: 0, allowed: 0 };
for (const f of files) {
  // dBlock / dAllow: disputed cases that disagree; they leave the undisputed denominators.
  const t = { block: 0, flagged: 0, allow: 0, allowed: 0, skipped: 0, dBlock: 0, dAllow: 0 };
  const lines = readFileSync(join(corpusDir, f), 'utf8').split('\n').filter(Boolean);
  for (const l of lines) {
    const c = JSON.parse(l);
    if (c.confidence === 'policy_dependent') {
      t.skipped++;
      continue;
    }
    let r;
    try {
      r = await check(c.cmd, { cwd: cwdFor(c), env: ENV });
    } catch (e) {
      r = { decision: 'error', findings: [], errors: [String(e)] };
    }
    const flagged = r.decision === 'confirm' || r.decision === 'deny';
    const inFamily = FAMILY.test(c.cmd);
    if (c.expect === 'block') {
      t.block++;
      if (flagged) t.flagged++;
      if (inFamily) (fam.block++, flagged && fam.flagged++);
    } else {
      t.allow++;
      if (r.decision === 'allow') t.allowed++;
      if (inFamily) (fam.allow++, r.decision === 'allow' && fam.allowed++);
    }
    const agree = c.expect === 'block' ? flagged : r.decision === 'allow';
    const dispute = disputes.get(key(f, c.expect, c.cmd));
    if (dispute) dispute.seen = true;
    if (!agree && dispute) {
      dispute.used = true;
      if (c.expect === 'block') t.dBlock++;
      else t.dAllow++;
    }
    if (!agree) disagreements.push({ file: f, expect: c.expect, got: r.decision, cmd: c.cmd, source: c.source, rules: r.findings.map((x) => x.rule).join(','), errors: (r.errors ?? []).join('; '), dispute: dispute?.reason ?? null });
  }
  for (const k of ['block', 'flagged', 'allow', 'allowed', 'dBlock', 'dAllow']) totals[k] += t[k];
  rows.push([f, t]);
}

const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + '%' : 'n/a');
const pad = (s, n) => String(s).padEnd(n);
const fig = (a, b) => `${a}/${b} ${pct(a, b)}`;
// Disputed cases all disagree, so they leave the denominators and never the numerators.
const row = (name, t) => [name, fig(t.flagged, t.block), fig(t.flagged, t.block - t.dBlock), fig(t.allowed, t.allow), fig(t.allowed, t.allow - t.dAllow), t.dBlock + t.dAllow, t.skipped ?? ''];
const table = [...rows.map(([f, t]) => row(f, t)), row('overall', totals)];
const head = ['file', 'block flagged (raw)', 'block, unambiguous (undisputed)', 'allow allowed (raw)', 'allow, unambiguous (undisputed)', 'disputed', 'skipped'];
const widths = [36, 20, 32, 20, 32, 9, 7];
console.log(head.map((h, i) => pad(h, widths[i])).join(' '));
for (const r of table) console.log(r.map((c, i) => pad(c, widths[i])).join(' '));
console.log(pad('engine families (http/sql/tf/railway)', 36), pad(fig(fam.flagged, fam.block), 20), '', pad(fig(fam.allowed, fam.allow), 20));
const open = disagreements.filter((d) => !d.dispute);
console.log(`${disagreements.length} disagreements, ${disagreements.length - open.length} disputed, ${open.length} undisputed${list ? ':' : ' (--list to print them); all are in docs/corpus/disagreements.generated.md'}`);
if (list) for (const d of disagreements) console.log(`  [${d.file}] expect ${d.expect}, got ${d.got}: ${d.cmd}  ${d.rules ? `(${d.rules})` : ''}${d.dispute ? '  [disputed]' : ''}`);
const stale = [...disputes.entries()].filter(([k, d]) => !d.used && (!only || k.includes(only)));
if (stale.length) {
  console.log(`${stale.length} stale disputes (listed in docs/corpus/disputes.yaml but no longer a disagreement${only ? '' : ', or not in the corpus'}):`);
  for (const [k, d] of stale) {
    const [file, expect, cmd] = k.split('\u0000');
    console.log(`  [${file}] expect ${expect}: ${cmd}${d.seen ? '' : '  (case not found)'}`);
  }
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(disagreements, null, 1));

if (!only) {
  mkdirSync(join(root, 'docs', 'corpus'), { recursive: true });
  const cell = (x) => String(x).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const md = ['# Corpus disagreements (generated by `npm run corpus`)', '', 'How the figures are computed and the dispute categories: docs/corpus/README.md. Disputes and their', 'reasons: docs/corpus/disputes.yaml. An undisputed disagreement is a gap airlock has not closed.', ''];
  md.push('| file | block (raw) | block (undisputed) | allow (raw) | allow (undisputed) | disputed |', '|---|---|---|---|---|---|');
  for (const r of table) md.push(`| ${r.slice(0, 6).join(' | ')} |`);
  md.push('', '| file | expected | airlock | command | rules | disputed: reason | source |', '|---|---|---|---|---|---|---|');
  for (const d of disagreements) md.push(`| ${d.file} | ${d.expect} | ${d.got} | \`${d.cmd.replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\n/g, '⏎')}\` | ${d.rules} | ${d.dispute ? `yes: ${cell(d.dispute)}` : '**no** (gap)'} | ${cell(d.source)} |`);
  writeFileSync(join(root, 'docs', 'corpus', 'disagreements.generated.md'), md.join('\n') + '\n');
}
