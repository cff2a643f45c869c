// Attack 11: rewriting the audit log. From a guarded command the state dir cannot be touched;
// and once the human's approver has anchored the chain's head, a log rewritten with recomputed
// hashes, truncated or deleted fails `airlock log --verify`.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, TIMEOUT, expectBlocked, expectIntact, sandbox, script, shell } from './helpers';
import { startApprover } from '../gate/helpers';
import { recordHash } from '../../src/audit/log';

const verify = (env: Record<string, string>) => spawnSync(process.execPath, [BIN, 'log', '--verify'], { env, encoding: 'utf8' });

describe('attack 11: the audit log', () => {
  it('guarded commands cannot rewrite, truncate or delete it', () => {
    const sb = sandbox();
    shell(sb, 'rm -rf ./victim');
    const log = path.join(sb.env.AIRLOCK_STATE_DIR!, 'audit.jsonl');
    expect(fs.existsSync(log)).toBe(true);
    for (const line of [`rm ${log}`, `: > ${log}`, `truncate -s 0 ${log}`, `sed -i 1d ${log}`, `cd ${path.dirname(log)} && mv audit.jsonl x`, `python3 -c "open('${log}', 'w').write('')"`]) expectBlocked(shell(sb, line), line);
    expectIntact(sb);
  }, TIMEOUT);

  it('after the approver anchored the head, a rewritten, truncated or missing log fails --verify', async () => {
    const sb = sandbox();
    script(sb, 'needs-approval.sh');
    // The drop is critical: no hold after approving (issue 16), or the 3 s approval timeout of
    // the sandbox ends the request during the countdown and nothing is anchored.
    fs.mkdirSync(path.join(sb.home, '.config', 'airlock'), { recursive: true });
    fs.writeFileSync(path.join(sb.home, '.config', 'airlock', 'config.yaml'), 'hold: 0\n');
    const ap = await startApprover(sb.env);
    const done = new Promise<number | null>((resolve) => {
      const p = spawn(process.execPath, [BIN, '-c', 'bash needs-approval.sh'], { cwd: sb.project, env: sb.env, stdio: ['pipe', 'ignore', 'ignore'] });
      p.stdin.end();
      p.on('close', resolve);
    });
    await ap.waitFor('to approve');
    ap.type('scratch_copy');
    await done;
    const state = sb.env.AIRLOCK_STATE_DIR!;
    expect(fs.existsSync(path.join(state, 'audit.anchors'))).toBe(true);
    expect(verify(sb.env).status).toBe(0);
    const log = path.join(state, 'audit.jsonl');
    const original = fs.readFileSync(log, 'utf8');

    // Drop the first record and recompute every hash: the chain alone would verify clean.
    const recs = original.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).slice(1);
    let prev = '0'.repeat(64);
    const rewritten = recs.map((r) => {
      const base = { ...r, prev };
      delete (base as { hash?: unknown }).hash;
      const rec = { ...base, hash: recordHash(base) };
      prev = rec.hash;
      return JSON.stringify(rec);
    });
    fs.writeFileSync(log, rewritten.join('\n') + '\n');
    expect(verify(sb.env).stdout).toMatch(/TAMPERED/);
    fs.writeFileSync(log, '');
    expect(verify(sb.env).stdout).toMatch(/TAMPERED.*truncated or deleted/);
    fs.rmSync(log);
    expect(verify(sb.env).stdout).toMatch(/TAMPERED.*missing/);
  }, TIMEOUT);
});
