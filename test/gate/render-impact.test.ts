// What the approver shows above the prompt: the looked-up impact, "could not look up", a retry
// of a denied request, the prompt count and whether a checkpoint will be taken.
import { describe, expect, it } from 'vitest';
import { impactLines, renderRequest } from '../../src/gate/render';
import type { ApprovalRequest } from '../../src/gate/types';

const req = (extra: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  id: 'r1',
  command: 'curl -X POST https://backboard.railway.app/graphql/v2 ...',
  cwd: '/w',
  findings: [
    {
      rule: 'railway/graphql-volume-delete',
      decision: 'confirm',
      severity: 'critical',
      reason: 'deletes a volume',
      resource: 'vol-1',
      environment: 'production',
      command: 'curl ...',
      impact: [
        { source: 'railway', status: 'looked-up', summary: ['volume "pg-data" of service postgres', 'mounted in PRODUCTION and staging, 41.0 GB used'] },
        { source: 'postgres', status: 'unavailable', summary: ['could not look up (no answer within 1500 ms)'] },
      ],
    } as ApprovalRequest['findings'][number],
  ],
  resources: ['vol-1'],
  pid: 1,
  ppid: 1,
  user: 'u',
  requester: 'airlock -c',
  tty: null,
  createdAt: new Date().toISOString(),
  ...extra,
});

describe('renderRequest with informed approval', () => {
  it('shows the impact under its finding, and "could not look up" as such', () => {
    const text = renderRequest(req(), { color: false });
    expect(text).toContain('     ▸ railway: volume "pg-data" of service postgres\n     ▸ railway: mounted in PRODUCTION and staging, 41.0 GB used');
    expect(text).toContain('     could not look up postgres: (no answer within 1500 ms)');
  });

  it('marks a retry, counts prompts, says whether a checkpoint is taken', () => {
    const at = new Date(Date.now() - 65_000).toISOString();
    const text = renderRequest(req({ retryOf: { at, command: 'psql -c "DROP DATABASE app"', match: 'family postgres' }, promptNumber: 3, checkpoint: 'no checkpoint: nothing local to keep' }), { color: false });
    expect(text).toMatch(/RETRY of a denied request: same family postgres as `psql -c "DROP DATABASE app"`, denied 1m0[45]s ago/);
    expect(text).toContain('(prompt 3 from this agent session)');
    expect(text).toContain('Undo:      no checkpoint: nothing local to keep');
  });

  it('escapes control characters a lookup might return, and ignores malformed impact', () => {
    expect(renderRequest(req({ findings: [{ ...req().findings[0]!, impact: [{ source: 'x', status: 'looked-up', summary: ['\u001b[2Jgone'] }] } as never] }), { color: false })).toContain('\\x{1b}[2Jgone');
    expect(impactLines('nonsense')).toEqual([]);
    expect(impactLines([null, { source: 'git', status: 'looked-up', summary: 'not a list' }])).toEqual([]);
  });
});
