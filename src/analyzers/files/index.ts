// Files and disks: deletions (rm, find -delete, shred, mv to /dev/null), truncation, device
// writes, rsync --delete, recursive permission changes. Paths are classified against the
// project (cwd) in paths.ts; the rulesets decide which classes need a human.
import type { Command, Fact } from '../../types';
import type { Analyzer, AnalyzeContext } from '../types';
import { applyDirs, noteCd } from './cwd';
import { MKFS, PARTITIONERS, analyzeDisk } from './disk';
import { analyzeFind } from './find';
import { analyzePermissions, analyzeRsync, analyzeTruncate } from './misc';
import { analyzeMv, analyzeRm } from './rm';
import { analyzeCp, analyzeDdFile, analyzeMvOverwrite, analyzeTarExtract, analyzeTee } from './overwrite';

export const FILE_PROGRAMS = [
  'cd', 'pushd', 'popd', 'rm', 'unlink', 'shred', 'srm', 'wipe', 'mv', 'find', 'busybox', 'truncate', 'rsync', 'chmod', 'chown', 'chgrp', 'dd',
  'tee', 'cp', 'tar', ...MKFS, ...PARTITIONERS,
];

function analyze(cmd: Command, ctx: AnalyzeContext): Fact[] {
  let prog = cmd.program!;
  if (prog === 'busybox' || prog === 'toybox') {
    // busybox rm -rf x: the applet is the next word.
    const applet = cmd.argv[1]?.value;
    if (!applet || applet === 'busybox') return [];
    cmd = { ...cmd, argv: cmd.argv.slice(1), program: applet.replace(/^.*\//, '') };
    prog = cmd.program!;
  }
  applyDirs(cmd, ctx);
  switch (prog) {
    case 'cd':
    case 'pushd':
    case 'popd':
      noteCd(cmd, ctx);
      return [];
    case 'rm':
    case 'unlink':
    case 'shred':
    case 'srm':
    case 'wipe':
      return analyzeRm(cmd, ctx);
    case 'mv':
      return [...analyzeMv(cmd, ctx), ...analyzeMvOverwrite(cmd, ctx)];
    case 'tee':
      return analyzeTee(cmd, ctx);
    case 'cp':
      return analyzeCp(cmd, ctx);
    case 'tar':
      return analyzeTarExtract(cmd, ctx);
    case 'dd':
      return [...analyzeDisk(cmd), ...analyzeDdFile(cmd, ctx)];
    case 'find':
      return analyzeFind(cmd, ctx);
    case 'rsync':
      return analyzeRsync(cmd, ctx);
    case 'truncate':
      return analyzeTruncate(cmd, ctx);
    case 'chmod':
    case 'chown':
    case 'chgrp':
      return analyzePermissions(cmd, ctx);
  }
  return analyzeDisk(cmd);
}

const analyzer: Analyzer = { name: 'files', analyze };
export default analyzer;
