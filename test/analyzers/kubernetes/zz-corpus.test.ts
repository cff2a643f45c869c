import { it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { check } from '../../../src/engine';

const DIR = '/work/shared/corpora/peers/';
const SF_GROUPS = new Set(['aws', 'azure', 'gcp', 'kubernetes', 'docker', 'heroku', 'flyio', 'netlify', 'vercel', 'database', 'mongodb', 'mysql', 'redis']);
const DCG_PACKS = /^(kubernetes|containers|cloud|database\.(mysql|redis|sqlite|mongodb)|storage\.(s3|gcs))/;
const MINE = /(^|[\s;|&(`$/'"])(kubectl|oc|helm|docker|podman|docker-compose|aws|gcloud|gsutil|az|fly|flyctl|heroku|vercel|netlify|supabase|neonctl|pscale|mysql|mariadb|mysqladmin|sqlite3|mongosh|mongo|mongorestore|redis-cli|prisma|rails|rake|knex|sequelize|typeorm|drizzle-kit|manage\.py)(\s|$)/;

it('corpus', async () => {
  const out: string[] = [];
  const summary: string[] = [];
  const sets: [string, (c: Record<string, unknown>) => string | null][] = [
    ['shellfirm.jsonl', (c) => (SF_GROUPS.has(c.group as string) && c.confidence !== 'policy_dependent' ? `shellfirm:${c.group}` : null)],
    ['destructive_command_guard.jsonl', (c) => (DCG_PACKS.test((c.pack as string) ?? '') ? `dcg:${c.pack}` : (!c.pack && MINE.test(c.cmd as string) ? 'dcg:(no pack)' : null))],
    ['shellfirm-observed.jsonl', (c) => (MINE.test(c.cmd as string) ? 'shellfirm-observed' : null)],
  ];
  const tot: Record<string, number[]> = {};
  for (const [file, sel] of sets) {
    for (const l of readFileSync(DIR + file, 'utf8').split('\n').filter(Boolean)) {
      const c = JSON.parse(l) as Record<string, unknown>;
      const g = sel(c);
      if (!g) continue;
      const r = await check(c.cmd as string, { cwd: '/tmp/airlock-corpus-none', env: { HOME: '/home/agent' } });
      const flagged = r.decision !== 'allow';
      const ok = c.expect === 'block' ? flagged : !flagged;
      const t = (tot[g] ??= [0, 0, 0, 0]);
      if (c.expect === 'block') (t[0]!++, ok && t[1]!++);
      else (t[2]!++, ok && t[3]!++);
      if (!ok) out.push(`${g}\t${c.expect}\t${r.decision}\t${c.cmd}\t${r.findings.map((f) => f.rule).join(',')}`);
    }
  }
  for (const [g, t] of Object.entries(tot)) summary.push(`${g}\tblock ${t[1]}/${t[0]}\tallow ${t[3]}/${t[2]}`);
  writeFileSync('/tmp/corpus-mine.txt', summary.join('\n') + '\n\n' + out.join('\n') + '\n');
});
