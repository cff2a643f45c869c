import { it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { check } from '../../../src/engine';
const DIR = '/work/shared/corpora/peers/';
const MY = /^(kubernetes|containers|cloud|platforms|datastores|orm|scripts)\//;
it('fp', async () => {
  const out: string[] = [];
  let n = 0;
  let errs = 0;
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.jsonl'))) {
    for (const l of readFileSync(DIR + f, 'utf8').split('\n').filter(Boolean)) {
      const c = JSON.parse(l);
      const r = await check(c.cmd, { cwd: '/tmp/airlock-corpus-none', env: { HOME: '/home/agent' } });
      if (r.errors.some((e) => /analyzer failed/.test(e))) (errs++, out.push(`ERR\t${c.cmd}\t${r.errors.join(';')}`));
      const mine = r.findings.filter((x) => MY.test(x.rule));
      if (c.expect === 'allow' && mine.length) (n++, out.push(`${f}\t${c.cmd}\t${mine.map((x) => x.rule).join(',')}`));
    }
  }
  writeFileSync('/tmp/corpus-fp.txt', `fp ${n} errs ${errs}\n` + out.join('\n'));
});
