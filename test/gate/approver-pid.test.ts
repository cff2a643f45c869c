// The approver's pid record (src/gate/approver-pid.ts): written next to the socket, removed only
// by its writer, and read back as the listening inodes of the socket in that process's network
// namespace (/proc/<pid>/net/unix). Cross-namespace use runs in the harness rig, where the human's
// `airlock approver` sits in another network namespace than the agent.
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { pidFileFor, recordApproverPid, recordedListeningInodes } from '../../src/gate/approver-pid';

const dirs: string[] = [];
const servers: net.Server[] = [];
function dir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-pid-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function listen(sock: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(sock, () => {
      servers.push(s);
      resolve(s);
    });
  });
}

/** The socket's inode as this namespace lists it. */
function ownInode(sock: string): string | undefined {
  const line = fs
    .readFileSync('/proc/net/unix', 'utf8')
    .split('\n')
    .find((l) => l.trim().split(/\s+/).slice(7).join(' ') === sock);
  return line?.trim().split(/\s+/)[6];
}

describe('approver pid record', () => {
  it('is written next to the socket with mode 0600 and removed by its writer', () => {
    const sock = path.join(dir(), 'approver.sock');
    const remove = recordApproverPid(sock);
    const file = pidFileFor(sock);
    expect(file).toBe(path.join(path.dirname(sock), 'approver.pid'));
    expect(fs.readFileSync(file, 'utf8')).toBe(`${process.pid}\n`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    remove();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('is left alone when another approver has replaced it since', () => {
    const sock = path.join(dir(), 'approver.sock');
    const remove = recordApproverPid(sock);
    fs.writeFileSync(pidFileFor(sock), '4242\n');
    remove();
    expect(fs.readFileSync(pidFileFor(sock), 'utf8')).toBe('4242\n');
  });

  it('does not throw when the directory is not writable (only other namespaces lose)', () => {
    expect(() => recordApproverPid('/nonexistent-dir/approver.sock')()).not.toThrow();
  });
});

describe('recordedListeningInodes', () => {
  it('finds the listening socket in the recorded process\'s namespace', async () => {
    const sock = path.join(dir(), 'approver.sock');
    await listen(sock);
    recordApproverPid(sock);
    const inode = ownInode(sock);
    expect(inode).toBeTruthy();
    expect(recordedListeningInodes(sock)).toEqual([inode]);
  });

  it('is empty without a record, with a garbage or pid-1 record, and for a pid that is gone', async () => {
    const sock = path.join(dir(), 'approver.sock');
    await listen(sock);
    expect(recordedListeningInodes(sock)).toEqual([]);
    for (const text of ['not a pid\n', '1\n', '-5\n', '']) {
      fs.writeFileSync(pidFileFor(sock), text);
      expect(recordedListeningInodes(sock), JSON.stringify(text)).toEqual([]);
    }
    fs.writeFileSync(pidFileFor(sock), '2147483646\n');
    expect(recordedListeningInodes(sock)).toEqual([]);
  });

  it('does not count a socket at another path, or a path with no listener', async () => {
    const d = dir();
    await listen(path.join(d, 'other.sock'));
    const sock = path.join(d, 'approver.sock');
    recordApproverPid(sock);
    expect(recordedListeningInodes(sock)).toEqual([]);
  });
});
