// Friction report: how often everyday agent commands would stop for a human. Reads *.txt files of
// a directory (one command per line; `# session: NAME` starts a session; other `#` lines are
// comments), checks each command in a throwaway git project (committed files named like the ones
// the commands use), and prints the share of commands and of sessions with at least one question,
// plus the rules responsible. Every question counted here is one a human would have had to answer.
import { readFileSync, readdirSync, existsSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';

export function readSessions(dir) {
  const sessions = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    let cur = null;
    for (const raw of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const line = raw.trimEnd();
      const m = /^# session: (\S+)/.exec(line);
      if (m) {
        cur = { file: f, name: m[1], commands: [] };
        sessions.push(cur);
        continue;
      }
      if (!line || line.startsWith('#')) continue;
      if (!cur) sessions.push((cur = { file: f, name: f, commands: [] }));
      cur.commands.push(line.replaceAll('⏎', '\n'));
    }
  }
  return sessions;
}

export function makeProject({ dirty = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-friction-'));
  const files = {
    'package.json': '{"name":"demo","scripts":{"test":"vitest"}}\n', 'src/app.ts': 'export {};\n', 'src/a.ts': '', 'src/b.ts': '',
    'data.json': '[]\n', 'requirements.txt': 'requests\n', 'Makefile': 'all:\n', 'tests/test_app.py': '', 'tests/test_cli.py': '', '.gitignore': 'node_modules/\ndist/\n',
    'dist/index.js': '', // ignored build output (not committed)
  };
  for (const [p, body] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), body);
  }
  const env = { ...process.env, GIT_AUTHOR_NAME: 'f', GIT_AUTHOR_EMAIL: 'f@example.com', GIT_COMMITTER_NAME: 'f', GIT_COMMITTER_EMAIL: 'f@example.com' };
  for (const a of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'fixture']]) spawnSync('git', a, { cwd: dir, env });
  if (dirty) {
    for (let i = 1; i <= 4; i++) {
      writeFileSync(join(dir, 'src', 'a.ts'), `export const v = ${i};\n`);
      spawnSync('git', ['commit', '-qam', `change ${i}`], { cwd: dir, env });
    }
    writeFileSync(join(dir, 'src', 'b.ts'), 'export const stashed = 1;\n');
    spawnSync('git', ['stash', '-q'], { cwd: dir, env });
    writeFileSync(join(dir, 'src', 'app.ts'), 'export const unsaved = 1;\n');
    writeFileSync(join(dir, 'notes.md'), 'untracked work\n');
  }
  return dir;
}

export async function frictionReport(check, dir, { print = console.log } = {}) {
  if (!existsSync(dir)) return null;
  const sessions = readSessions(dir);
  const project = makeProject();
  const env = { HOME: '/home/agent', PATH: '/usr/local/bin:/usr/bin:/bin', USER: 'agent', TMPDIR: '/tmp', SHELL: '/bin/bash' };
  let commands = 0;
  let asked = 0;
  let sessionsAsked = 0;
  const byRule = new Map();
  const examples = [];
  try {
    for (const s of sessions) {
      let any = false;
      for (const c of s.commands) {
        commands++;
        const r = await check(c, { cwd: project, env });
        if (r.decision === 'allow') continue;
        asked++;
        any = true;
        const rules = [...new Set(r.findings.filter((f) => f.decision !== 'allow').map((f) => f.rule))];
        for (const id of rules) byRule.set(id, (byRule.get(id) ?? 0) + 1);
        examples.push(`  [${s.file} ${s.name}] ${r.decision}: ${c.replace(/\n/g, '⏎')}  (${rules.join(', ')})`);
      }
      if (any) sessionsAsked++;
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
  const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + '%' : 'n/a');
  print(`friction (everyday agent commands, ${dir.replace(/^.*\/test\//, 'test/')}): ${asked}/${commands} commands ${pct(asked, commands)} would ask a human; ${sessionsAsked}/${sessions.length} sessions ${pct(sessionsAsked, sessions.length)} hit at least one question`);
  const top = [...byRule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (top.length) print(`  top rules: ${top.map(([r, n]) => `${r} ${n}`).join(', ')}`);
  for (const e of examples) print(e);
  return { commands, asked, sessions: sessions.length, sessionsAsked, byRule: Object.fromEntries(byRule) };
}

// Labelled report: *.jsonl files of a directory (one {cmd, expect: block|allow, kind, source} per
// line, optional `cwd: "/tmp"`), checked in the same throwaway project; prints, per file and per kind, the share of block
// cases flagged (confirm or deny) and of allow cases flagged (a needless question), with every miss.
export async function labelledReport(check, dir, { print = console.log } = {}) {
  if (!existsSync(dir)) return null;
  // Harmful examples need something to harm: a project with history, a stash, an untracked and a
  // modified file, and a home holding the files the examples name.
  const project = makeProject({ dirty: true });
  const home = join(project, '..', project.split('/').at(-1) + '-home');
  for (const p of ['notes.txt', 'todo.txt', 'Documents/report.txt', 'projects/old-site/index.html', 'app.log']) {
    mkdirSync(join(home, p, '..'), { recursive: true });
    writeFileSync(join(home, p), 'x\n');
  }
  const env = { HOME: home, PATH: '/usr/local/bin:/usr/bin:/bin', USER: 'agent', TMPDIR: '/tmp', SHELL: '/bin/bash' };
  const out = {};
  try {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl')).sort()) {
      const by = new Map();
      const misses = [];
      for (const l of readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)) {
        const c = JSON.parse(l);
        // `cwd: "/tmp"` (a peer's case run there); otherwise the throwaway project.
        const r = await check(c.cmd, { cwd: c.cwd === '/tmp' ? '/tmp' : project, env });
        const flagged = r.decision !== 'allow';
        const t = by.get(c.kind ?? 'all') ?? { block: 0, flagged: 0, allow: 0, falsePos: 0, dBlock: 0, dAllow: 0 };
        by.set(c.kind ?? 'all', t);
        if (c.expect === 'block') (t.block++, flagged && t.flagged++);
        else (t.allow++, flagged && t.falsePos++);
        const agrees = flagged === (c.expect === 'block');
        // `dispute`: why we argue the source's label is wrong; a disputed case that disagrees leaves
        // the undisputed figures, one that agrees is reported as stale.
        if (c.dispute && !agrees) c.expect === 'block' ? t.dBlock++ : t.dAllow++;
        if (c.dispute && agrees) misses.push(`  [${f}] stale dispute (now agrees): ${c.cmd}`);
        if (!agrees) {
          const rules = [...new Set(r.findings.filter((x) => x.decision !== 'allow').map((x) => x.rule))];
          misses.push(`  [${f}] expect ${c.expect}, got ${r.decision}: ${c.cmd.replace(/\n/g, '⏎')}${rules.length ? `  (${rules.join(', ')})` : ''}${c.dispute ? `  [disputed: ${c.dispute}]` : ''}`);
        }
      }
      const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + '%' : 'n/a');
      for (const [kind, t] of by) {
        const undisputed = t.dBlock || t.dAllow ? `; undisputed: ${t.flagged}/${t.block - t.dBlock} harmful flagged ${pct(t.flagged, t.block - t.dBlock)}, ${t.falsePos - t.dAllow}/${t.allow - t.dAllow} benign flagged ${pct(t.falsePos - t.dAllow, t.allow - t.dAllow)}` : '';
        print(`labelled ${f} [${kind}]: ${t.flagged}/${t.block} harmful flagged ${pct(t.flagged, t.block)}; ${t.falsePos}/${t.allow} benign flagged ${pct(t.falsePos, t.allow)}${undisputed}`);
      }
      for (const m of misses) print(m);
      out[f] = Object.fromEntries(by);
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
  return out;
}

// Agent-actions report: *.jsonl files of a directory, one {cmd, expect: allow|block, session} per
// line (real actions of agents solving tasks, labelled by a reviewer before airlock was run on them).
// Prints the share of commands and of sessions that would ask a human, the rules responsible, and
// the two kinds of disagreement: safe actions flagged (needless questions) and destructive ones missed.
// Checked in a throwaway git project (the task checkout) with a throwaway HOME.
export async function agentActionsReport(check, dir, { print = console.log } = {}) {
  if (!existsSync(dir)) return null;
  const project = makeProject();
  const home = join(project, '..', project.split('/').at(-1) + '-home');
  mkdirSync(home, { recursive: true });
  const env = { HOME: home, PATH: '/usr/local/bin:/usr/bin:/bin', USER: 'agent', TMPDIR: '/tmp', SHELL: '/bin/bash' };
  const t = { commands: 0, asked: 0, safe: 0, flaggedSafe: 0, destructive: 0, missed: 0 };
  const sessions = new Map(); // session -> asked at least once
  const byRule = new Map();
  const lines = [];
  const perFile = [];
  try {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl')).sort()) {
      const ft = { file: f, commands: 0, asked: 0, safe: 0, flaggedSafe: 0, destructive: 0, missed: 0 };
      perFile.push(ft);
      for (const l of readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)) {
        const c = JSON.parse(l);
        const key = `${f}\u0000${c.session ?? f}`;
        const r = await check(c.cmd, { cwd: project, env });
        const flagged = r.decision !== 'allow';
        t.commands++;
        ft.commands++;
        if (!sessions.has(key)) sessions.set(key, false);
        if (flagged) (t.asked++, ft.asked++, sessions.set(key, true));
        const rules = [...new Set(r.findings.filter((x) => x.decision !== 'allow').map((x) => x.rule))];
        if (flagged) for (const id of rules) byRule.set(id, (byRule.get(id) ?? 0) + 1);
        if (c.expect === 'block') {
          t.destructive++;
          ft.destructive++;
          if (!flagged) (t.missed++, ft.missed++, lines.push(`  missed destructive [${f} ${c.session}]: ${c.cmd.replace(/\n/g, '⏎')}`));
        } else {
          t.safe++;
          ft.safe++;
          if (flagged) (t.flaggedSafe++, ft.flaggedSafe++, lines.push(`  flagged safe [${f} ${c.session}] ${r.decision}: ${c.cmd.replace(/\n/g, '⏎')}  (${rules.join(', ')})`));
        }
      }
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
  const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + '%' : 'n/a');
  const sAsked = [...sessions.values()].filter(Boolean).length;
  print(`agent actions (${dir.replace(/^.*\/test\//, 'test/')}): ${t.asked}/${t.commands} commands ${pct(t.asked, t.commands)} would ask a human; ${sAsked}/${sessions.size} sessions ${pct(sAsked, sessions.size)} hit at least one question; safe flagged ${t.flaggedSafe}/${t.safe} ${pct(t.flaggedSafe, t.safe)}; destructive missed ${t.missed}/${t.destructive}`);
  for (const ft of perFile) print(`  ${ft.file}: ${ft.asked}/${ft.commands} ask; safe flagged ${ft.flaggedSafe}/${ft.safe} ${pct(ft.flaggedSafe, ft.safe)}; destructive missed ${ft.missed}/${ft.destructive}`);
  const top = [...byRule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (top.length) print(`  top rules: ${top.map(([r, n]) => `${r} ${n}`).join(', ')}`);
  for (const l of lines) print(l);
  return { ...t, perFile, sessions: sessions.size, sessionsAsked: sAsked, byRule: Object.fromEntries(byRule) };
}
