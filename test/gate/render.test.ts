import { describe, expect, it } from 'vitest';
import { renderRequest } from '../../src/gate/render';
import type { ApprovalRequest } from '../../src/gate/types';

const request = (notes?: string[]): ApprovalRequest => ({
  id: 'r1', command: 'curl -X POST https://backboard.railway.app/graphql/v2', cwd: '/work/app', resources: ['vol-1'],
  pid: 10, ppid: 9, user: 'dev', requester: 'airlock -c', tty: null, createdAt: new Date(0).toISOString(),
  findings: [{ rule: 'railway/volume-delete', decision: 'confirm', severity: 'critical', reason: 'Deletes volume vol-1.', resource: 'vol-1', environment: 'production', command: 'curl', ...(notes ? { notes } : {}) }],
});

describe('renderRequest', () => {
  it("shows a finding's notes under it: where the credential the command uses was found", () => {
    const text = renderRequest(request(['This command uses the railway API token 7f3a…#1c9e04b2, found in ops/dns/cloudflare-sync.env line 2.']), { color: false, now: 0 });
    expect(text).toContain('     note: This command uses the railway API token 7f3a…#1c9e04b2, found in ops/dns/cloudflare-sync.env line 2.');
  });

  it('makes control characters in a note visible instead of letting them repaint the screen', () => {
    const text = renderRequest(request(['found in \u001b[2Jx']), { color: false, now: 0 });
    expect(text).toContain('note: found in \\x{1b}[2Jx');
  });

  it('prints no note line when there is none', () => {
    expect(renderRequest(request(), { color: false, now: 0 })).not.toContain('note:');
  });
});
