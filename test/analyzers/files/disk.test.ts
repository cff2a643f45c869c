// Block devices, truncation, redirects onto data, rsync --delete, chmod/chown -R.
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/engine';

const cwd = '/work/agent-project';
const run = async (line: string) => {
  const r = await check(line, { cwd });
  return { decision: r.decision, rules: r.findings.map((f) => f.rule), resources: r.findings.map((f) => f.resource) };
};

describe('disks', () => {
  it.each([
    ['dd if=/dev/zero of=/dev/sda bs=1M', '/dev/sda'],
    ['dd of=/dev/nvme0n1 if=/dev/zero', '/dev/nvme0n1'],
    ['mkfs.ext4 /dev/sdb1', '/dev/sdb1'],
    ['sudo mkfs -t ext4 /dev/sdb', '/dev/sdb'],
    ['wipefs --all /dev/sdc', '/dev/sdc'],
    ['sgdisk --zap-all /dev/sdd', '/dev/sdd'],
    ['dd if=x of="$TARGET"', '?'],
  ])('%s writes %s', async (line, device) => {
    const r = await run(line);
    expect(r.rules).toContain('files/disk-write');
    expect(r.resources).toContain(device);
  });

  // dd onto a file is no disk write (whether it replaces a file is the overwrite rules' question).
  it.each(['dd if=/dev/sda of=./backup.img', 'dd if=/dev/urandom of=random.dat count=1'])('%s writes no disk', async (line) => {
    expect((await run(line)).rules).not.toContain('files/disk-write');
  });

  it.each(['mkfs.ext4 disk.img', 'fdisk -l', 'sfdisk --dump /dev/sda', 'wipefs -n -a /dev/sda', 'parted -l', 'mkfs.ext4 --help'])('%s is allowed', async (line) => {
    expect((await run(line)).decision).toBe('allow');
  });

  it('flags redirects onto devices but not /dev/null', async () => {
    expect((await run('cat img > /dev/sdb')).rules).toContain('files/redirect-to-device');
    expect((await run('make 2>/dev/null >/dev/null')).decision).toBe('allow');
  });
});

describe('truncation', () => {
  it('flags truncating redirects onto data and env files only', async () => {
    expect((await run(': > app.db')).rules).toContain('files/redirect-truncates-data');
    expect((await run('echo > .env')).rules).toContain('files/redirect-truncates-data');
    expect((await run('echo x > out.txt')).decision).toBe('allow');
    expect((await run('echo A=1 >> .env')).decision).toBe('allow');
  });
  it('flags truncate -s 0 of anything but build output and temp files', async () => {
    expect((await run('truncate -s 0 prod.sqlite')).rules).toContain('files/truncate');
    expect((await run('truncate -s 0 /etc/hosts')).rules).toContain('files/truncate');
    expect((await run('truncate -s 0 logs/app.log')).rules).toContain('files/truncate');
    expect((await run('truncate -s 0 /tmp/app.log')).decision).toBe('allow');
    expect((await run('truncate -s +1M logs/app.log')).decision).toBe('allow');
  });
});

describe('rsync --delete', () => {
  it('needs a human for destinations outside the project or remote', async () => {
    const r = await run('rsync -az --delete ./ deploy@web1:/srv/app');
    expect(r.rules).toContain('files/rsync-delete');
    expect(r.resources).toContain('deploy@web1:/srv/app');
    expect((await run('rsync -a --del src/ /srv/mirror')).rules).toContain('files/rsync-delete');
    expect((await run('rsync -a --delete -e ssh src/ dist/')).decision).toBe('allow');
    expect((await run('rsync --dry-run --delete src/ /srv/mirror')).decision).toBe('allow');
  });
});

describe('chmod / chown', () => {
  it('flags recursive changes of /, home and system directories', async () => {
    expect((await run('chmod -R 000 /')).rules).toContain('files/permissions-system');
    expect((await run('sudo chown -R nobody ~')).rules).toContain('files/permissions-system');
    expect((await run('chmod -R 755 ./scripts')).decision).toBe('allow');
  });
});
