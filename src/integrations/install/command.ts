// install/uninstall actions: plan, print (dry run) or apply with backups.
import * as fs from 'fs';
import * as path from 'path';
import { applyChanges, diff, type Change } from './edit';
import { makeCtx, targetByName, TARGETS } from './targets';

export async function installCommand(
  verb: 'install' | 'uninstall',
  name: string,
  o: { dryRun?: boolean; project?: string; dir?: string; rc?: boolean },
): Promise<number> {
  const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
  const target = targetByName(name);
  if (!target) {
    process.stderr.write(`airlock ${verb}: unknown target "${name}". Targets: ${TARGETS.map((t) => t.name).join(', ')}\n`);
    return 2;
  }
  const ctx = makeCtx({ project: o.project, dir: o.dir, rc: o.rc });
  let plan;
  try {
    plan = verb === 'install' ? target.install(ctx) : target.uninstall(ctx);
  } catch (e) {
    process.stderr.write(`airlock ${verb} ${target.name}: ${(e as Error).message}\n`);
    return 1;
  }
  const changes = plan.changes.filter((c) => c.before !== c.after);
  const inShimDir = (c: Change) => path.dirname(c.file) === ctx.shimDir;
  if (o.dryRun) {
    if (!changes.length) out(`${target.name}: ${verb === 'install' ? 'already installed' : 'not installed'}; nothing to change`);
    const shimChanges = changes.filter(inShimDir);
    if (shimChanges.length) {
      const w = shimChanges.filter((c) => c.after !== null).map((c) => path.basename(c.file));
      const r = shimChanges.filter((c) => c.after === null).map((c) => path.basename(c.file));
      if (w.length) out(`would write ${w.length} shims in ${ctx.shimDir}: ${w.join(' ')}`);
      if (r.length) out(`would remove ${r.length} shims from ${ctx.shimDir}: ${r.join(' ')}`);
    }
    for (const c of changes.filter((x) => !inShimDir(x))) out(diff(c));
    for (const n of plan.notes) out(n);
    out('(dry run: nothing changed)');
    return 0;
  }
  if (!changes.length) {
    out(`${target.name}: ${verb === 'install' ? 'already installed' : 'not installed'}; nothing changed`);
    for (const n of verb === 'install' ? plan.notes : []) out(n);
    return 0;
  }
  let backups: string[];
  try {
    backups = applyChanges(changes, { backup: verb === 'install' });
  } catch (e) {
    process.stderr.write(`airlock ${verb} ${target.name}: ${(e as Error).message}\n`);
    return 1;
  }
  if (target.name === 'shims' && verb === 'uninstall') {
    try {
      if (fs.readdirSync(ctx.shimDir).length === 0) fs.rmdirSync(ctx.shimDir);
    } catch {
      // already gone
    }
  }
  const files = [...new Set(changes.map((c) => (inShimDir(c) ? ctx.shimDir : c.file)))];
  out(`${target.name}: ${verb === 'install' ? 'installed' : 'removed'} (${files.join(', ')})`);
  for (const b of backups) out(`backup: ${b}`);
  for (const n of verb === 'install' ? plan.notes : []) out(n);
  return 0;
}
