// What the rest of airlock needs to know about this family (src/family-shape.ts); the registry,
// the target kinds and the environment-matcher keys are generated from it (scripts/gen-registry.mjs).
import type { FamilyDeclaration } from '../../family-shape';

export default {
  order: 10,
  programs: [
    'cd', 'pushd', 'popd', 'rm', 'unlink', 'shred', 'srm', 'wipe', 'mv', 'find', 'busybox',
    'toybox', 'truncate', 'rsync', 'chmod', 'chown', 'chgrp', 'dd', 'tee', 'cp', 'tar', 'mkfs',
    'mke2fs', 'mkswap', 'mkdosfs', 'mkntfs', 'newfs', 'newfs_apfs', 'newfs_hfs', 'newfs_msdos',
    'mkfs.ext2', 'mkfs.ext3', 'mkfs.ext4', 'mkfs.xfs', 'mkfs.btrfs', 'mkfs.vfat', 'mkfs.fat',
    'mkfs.msdos', 'mkfs.ntfs', 'mkfs.exfat', 'mkfs.f2fs', 'mkfs.minix', 'mkfs.bfs', 'mkfs.cramfs',
    'mkfs.jfs', 'mkfs.reiserfs', 'mkfs.hfsplus', 'mkfs.udf', 'mkfs.nilfs2', 'mkfs.zfs', 'fdisk',
    'sfdisk', 'cfdisk', 'gdisk', 'sgdisk', 'cgdisk', 'parted', 'wipefs', 'blkdiscard', 'diskutil',
  ],
  shim: {
    // Shell builtins (a shim would never run) and file utilities too common in scripts to start node for.
    never: ['cd', 'pushd', 'popd', 'find', 'mv', 'chmod', 'chown', 'chgrp', 'busybox', 'toybox'],
  },
  impact: { facts: { 'file-delete': [], 'file-truncate': [], 'file-sync-delete': [] } },
  undo: { facts: ['file-delete', 'file-truncate'], keeps: 'files' },
  nested: { inert: ['cp', 'mv', 'rm', 'chmod', 'chown', 'tar', 'tee', 'find', 'rsync'] },
} satisfies FamilyDeclaration;
