// Replays the files/git/code part of the peer corpora through check() and reports agreement.
// Run: npx esbuild scripts/corpus-files-git.ts --bundle --platform=node --packages=external --outfile=node_modules/.cache/corpus-files-git.cjs && AIRLOCK_DEV_RULESETS=1 node node_modules/.cache/corpus-files-git.cjs DIR [-v]
// DIR: the peers' corpus directory (the files named in FILES).
// cwd null (peer: relative targets unknown) is replayed as an ordinary project dir: airlock always knows its cwd.
import * as fs from 'node:fs';
import { check } from '../src/engine';
const DIR = (process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '.') + '/';
const FILES = ['claude-code-safety-net.jsonl', 'cc-safety-net-v2.jsonl', 'destructive_command_guard.jsonl'];
const FAMILY = /\b(rm|rmdir|find|shred|dd|git|mkfs[\w.]*|wipefs|fdisk|sfdisk|parted|rsync|truncate|mv|chmod|chown|unlink|srm|xargs|parallel|python3?|node|ruby|perl|php|gh)\b/;
const DCG_TIERS = new Set(['regression-corpus', 'e2e-script', 'repro-test', 'known-gap-commented-out', 'e2e-fixture']);
async function main() {
  const verbose = process.argv.includes('-v');
  for (const f of FILES) {
    const rows = fs.readFileSync(DIR + f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    let bb = 0, bn = 0, aa = 0, an = 0;
    const miss: string[] = [];
    for (const r of rows) {
      if (f.startsWith('destructive')) {
        if (!(DCG_TIERS.has(r.tier) || r.pack === 'core.git' || r.pack === 'core.filesystem')) continue;
        if (r.pack && !/^core\./.test(r.pack)) continue;
      }
      if (!FAMILY.test(r.cmd)) continue;
      const cwd = r.cwd === '<project dir>' ? '/tmp/airlock-example-project' : r.cwd === '/tmp' ? '/tmp' : r.cwd === null || r.cwd === undefined ? '/work/agent-project' : r.cwd;
      let d = 'allow';
      try { d = (await check(r.cmd, { cwd, noFileReads: true, rulesets: [] })).decision; } catch (e) { d = 'ERR'; }
      const flagged = d !== 'allow';
      if (r.expect === 'block') { bn++; if (flagged) bb++; else miss.push(`MISS-BLOCK ${JSON.stringify(r.cmd)} cwd=${r.cwd} ${r.tier ?? ''}`); }
      else { an++; if (!flagged) aa++; else miss.push(`FALSE-BLOCK(${d}) ${JSON.stringify(r.cmd)} cwd=${r.cwd} ${r.tier ?? ''}`); }
    }
    console.log(`${f}: block->flagged ${bb}/${bn} (${((100 * bb) / bn).toFixed(1)}%), allow->allowed ${aa}/${an} (${((100 * aa) / an).toFixed(1)}%)`);
    if (verbose) for (const m of miss) console.log('  ' + m);
  }
}
main();
