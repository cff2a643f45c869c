// Block devices: dd of=/dev/..., mkfs, wipefs, partition editors, blkdiscard, diskutil erase.
// One disk-write fact per device written; image files (mkfs.ext4 disk.img) are not devices.
import type { Command, Fact, Word } from '../../types';
import { has, parseArgs } from './args';

/** Device nodes that are not disks. */
const HARMLESS_DEV = /^\/dev\/(null|zero|full|u?random|stdout|stderr|stdin|tty\w*|pts\/.*|fd\/.*|console)$/;

export const MKFS = ['mkfs', 'mke2fs', 'mkswap', 'mkdosfs', 'mkntfs', 'newfs', 'newfs_apfs', 'newfs_hfs', 'newfs_msdos', ...[
  'ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'vfat', 'fat', 'msdos', 'ntfs', 'exfat', 'f2fs', 'minix', 'bfs', 'cramfs', 'jfs', 'reiserfs', 'hfsplus', 'udf', 'nilfs2', 'zfs',
].map((t) => `mkfs.${t}`)];
export const PARTITIONERS = ['fdisk', 'sfdisk', 'cfdisk', 'gdisk', 'sgdisk', 'cgdisk', 'parted', 'wipefs', 'blkdiscard', 'diskutil'];

function deviceOf(w: Word): string | null | undefined {
  if (w.value === null) return null;
  if (!w.value.startsWith('/dev/') || HARMLESS_DEV.test(w.value)) return undefined;
  return w.value;
}

function fact(cmd: Command, tool: string, action: string, device: string | null): Fact {
  return {
    type: 'disk-write',
    command: cmd.text,
    tool,
    action,
    device: device ?? '?',
    known: device !== null,
    ...(device ? { targets: [{ kind: 'path' as const, value: device }] } : {}),
  };
}

/** Devices among operands; an unreadable operand may be one. */
function devices(cmd: Command, tool: string, action: string, words: Word[]): Fact[] {
  const out: Fact[] = [];
  for (const w of words) {
    const d = deviceOf(w);
    if (d !== undefined) out.push(fact(cmd, tool, action, d));
  }
  return out;
}

export function analyzeDisk(cmd: Command): Fact[] {
  const prog = cmd.program!;
  const args = cmd.argv.slice(1);
  const vals = args.map((w) => w.value);
  if (prog === 'dd') {
    const of = args.find((w) => (w.value ?? w.raw).startsWith('of='));
    if (!of) return [];
    if (of.value === null) return [fact(cmd, 'dd', 'overwrite', null)];
    return devices(cmd, 'dd', 'overwrite', [{ raw: of.raw, value: of.value.slice(3) }]);
  }
  if (prog.startsWith('mkfs') || prog.startsWith('newfs') || MKFS.includes(prog)) {
    if (vals.some((v) => v === '-V' || v === '--version' || v === '-h' || v === '--help')) return [];
    return devices(cmd, prog, 'format', args);
  }
  switch (prog) {
    case 'wipefs': {
      const p = parseArgs(args, { shortValue: 'otOp', longs: ['--all', '--no-act', '--force', '--backup', '--quiet'], longValue: ['--offset', '--types', '--output'] });
      if (has(p, '-n', '--no-act') || !has(p, '-a', '--all', '-o', '--offset')) return [];
      return devices(cmd, prog, 'wipe-signatures', p.operands);
    }
    case 'fdisk':
    case 'cfdisk':
    case 'gdisk':
    case 'cgdisk':
      // Interactive editors: they write the table when told to; list modes only read.
      if (vals.some((v) => v === '-l' || v === '--list' || v === '-s' || v === '--getsz' || v === '--help' || v === '-V')) return [];
      return devices(cmd, prog, 'partition', args);
    case 'sfdisk': {
      const read = /^(-l|--list|-d|--dump|-s|--show-size|-V|--verify|-J|--json|-g|--show-geometry|-F|--list-free|--list-types|-T|--part-type|--part-label|--part-uuid|--part-attrs|-r|--reorder|-h|--help|--version)$/;
      if (vals.some((v) => v !== null && read.test(v) && !/^(-r|--reorder|--part-)/.test(v))) return [];
      return devices(cmd, prog, 'partition', args);
    }
    case 'sgdisk': {
      const write = /^(-[ZzodnxcNtrsPmeGg]+|--zap-all|--zap|--clear|--delete|--new|--largest-new|--change-name|--typecode|--mbrtogpt|--gpttombr|--load-backup|--transpose|--sort|--randomize-guids|--move-second-header|--disk-guid|--partition-guid|--attributes|--replicate)/;
      if (!vals.some((v) => v !== null && write.test(v))) return [];
      return devices(cmd, prog, 'partition', args);
    }
    case 'parted': {
      const p = parseArgs(args, { shortValue: 'a', longs: ['--list', '--script', '--machine', '--help', '--version'], longValue: ['--align'] });
      if (has(p, '-l', '--list', '-h', '--help', '-v', '--version')) return [];
      const cmds = p.operands.slice(1).map((w) => w.value);
      // `parted /dev/sda print` only reads; no command = interactive session.
      if (cmds.length && cmds.every((c) => c !== null && /^(print|p|unit|help|align-check|quit|free|opt|min|\d+|s|b|kb|mb|gb|%|cyl|chs|compact)$/i.test(c))) return [];
      return devices(cmd, prog, 'partition', p.operands.slice(0, 1));
    }
    case 'blkdiscard':
      return devices(cmd, prog, 'discard', args);
    case 'diskutil': {
      const verb = vals[0];
      if (verb === null) return [fact(cmd, prog, 'erase', null)];
      if (!/^(erase\w*|zeroDisk|randomDisk|secureErase|partitionDisk|reformat|apfs)$/.test(verb ?? '')) return [];
      if (verb === 'apfs' && !/^(deleteContainer|deleteVolume|eraseVolume)$/.test(vals[1] ?? '')) return [];
      const last = args.at(-1)!;
      const dev = last.value === null ? null : last.value.startsWith('/dev/') ? last.value : `/dev/${last.value}`;
      return [fact(cmd, prog, 'erase', dev)];
    }
  }
  return [];
}
