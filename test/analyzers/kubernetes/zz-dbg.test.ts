import { it } from 'vitest';
import { check } from '../../../src/engine';
it('dbg', async () => {
  const lines = (process.env.DBG_LINES ?? '').split('\n').filter(Boolean);
  for (const line of lines) {
    const r = await check(line, { cwd: process.env.DBG_CWD ?? '/tmp/airlock-example-project' });
    console.log('== ' + line);
    for (const f of r.facts) if (f.type !== 'command') { const { command, flags, type, ...rest } = f as Record<string, unknown>; console.log('  ', type, JSON.stringify(rest)); }
    console.log('  ->', r.decision, JSON.stringify(r.findings.map((f) => [f.rule, f.resource, f.environment, f.severity])), r.errors.join('; '));
  }
});
