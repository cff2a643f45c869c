// The families. Each entry names the programs that wake an analyzer and loads it on first use,
// so a benign line never loads the SQL or GraphQL parsers. A new family is one line here.
import type { Analyzer } from './types';

interface Entry {
  programs: readonly string[];
  load: () => Analyzer;
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const FAMILIES: Entry[] = [
  { programs: ['cd', 'pushd', 'popd', 'rm', 'unlink', 'shred', 'srm', 'wipe', 'mv', 'find', 'busybox', 'toybox', 'truncate', 'rsync', 'chmod', 'chown', 'chgrp', 'dd', 'tee', 'cp', 'tar', 'mkfs', 'mke2fs', 'mkswap', 'mkdosfs', 'mkntfs', 'newfs', 'newfs_apfs', 'newfs_hfs', 'newfs_msdos', 'mkfs.ext2', 'mkfs.ext3', 'mkfs.ext4', 'mkfs.xfs', 'mkfs.btrfs', 'mkfs.vfat', 'mkfs.fat', 'mkfs.msdos', 'mkfs.ntfs', 'mkfs.exfat', 'mkfs.f2fs', 'mkfs.minix', 'mkfs.bfs', 'mkfs.cramfs', 'mkfs.jfs', 'mkfs.reiserfs', 'mkfs.hfsplus', 'mkfs.udf', 'mkfs.nilfs2', 'mkfs.zfs', 'fdisk', 'sfdisk', 'cfdisk', 'gdisk', 'sgdisk', 'cgdisk', 'parted', 'wipefs', 'blkdiscard', 'diskutil'], load: () => require('./files').default },
  { programs: ['git', 'gh', 'git-filter-repo'], load: () => require('./git').default },
  { programs: ['python', 'python2', 'python3', 'python3.8', 'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14', 'pypy3', 'node', 'nodejs', 'deno', 'bun', 'ruby', 'perl', 'php', 'tsx', 'ts-node', 'ts-node-esm', 'go', 'rails', 'jruby', 'vite-node', 'esno'], load: () => require('./code').default },
  { programs: ['psql', 'pgcli', 'dropdb', 'dropuser', 'pg_restore', 'pg_dump', 'drop', 'delete', 'truncate', 'alter', 'update', 'merge', 'revoke', 'copy', 'vacuum', 'reassign'], load: () => require('./postgres').default },
  { programs: ['terraform', 'tofu', 'terragrunt'], load: () => require('./terraform').default },
  { programs: ['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'gh'], load: () => require('./http').default },
  { programs: ['railway'], load: () => require('./railway').default },
  { programs: ['kubectl', 'oc', 'k', 'helm', 'helm3'], load: () => require('./kubernetes').default },
  { programs: ['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose'], load: () => require('./containers').default },
  { programs: ['aws', 'gcloud', 'gsutil', 'az'], load: () => require('./cloud').default },
  { programs: ['fly', 'flyctl', 'heroku', 'vercel', 'netlify', 'supabase', 'neonctl', 'neon', 'pscale'], load: () => require('./platforms').default },
  { programs: ['mysql', 'mariadb', 'mysqladmin', 'mariadb-admin', 'sqlite3', 'sqlite', 'mongosh', 'mongo', 'mongorestore', 'redis-cli', 'valkey-cli', 'duckdb', 'litecli', 'usql', 'clickhouse-client', 'clickhouse', 'cqlsh', 'sqlcmd', 'snowsql', 'bq', 'heroku', 'wrangler', 'prisma'], load: () => require('./datastores').default },
  { programs: ['prisma', 'rails', 'rake', 'bundle', 'python', 'python3', 'manage.py', 'django-admin', 'knex', 'sequelize', 'sequelize-cli', 'typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm', 'drizzle-kit', 'php', 'artisan', 'alembic', 'mikro-orm'], load: () => require('./orm').default },
  { programs: ['npm', 'pnpm', 'yarn', 'bun', 'make', 'gmake'], load: () => require('./scripts').default },
  { programs: ['cat', 'tac', 'less', 'more', 'head', 'tail', 'bat', 'batcat', 'nl', 'view', 'strings', 'od', 'hexdump', 'xxd', 'base64', 'base32', 'basenc', 'openssl', 'gpg', 'jq', 'yq', 'awk', 'gawk', 'sed', 'cut', 'sort', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'cp', 'scp', 'rsync', 'install', 'tar', 'zip', 'gzip', 'source', '.', 'dotenv', 'python', 'python3', 'node', 'git', 'curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'railway', 'psql', 'pg_dump', 'pg_restore', 'mysql', 'gh', 'aws', 'gcloud', 'gsutil', 'kubectl', 'helm', 'terraform', 'tofu', 'vercel', 'fly', 'flyctl', 'heroku', 'supabase', 'doctl', 'az', 'stripe', 'npx'], load: () => require('./credentials').default },
  { programs: ['mcp', 'mcptools'], load: () => require('./mcp').default },
  { programs: require('./argv/programs').PROGRAMS, load: () => require('./argv').default },
];
/* eslint-enable @typescript-eslint/no-require-imports */

let byProgram: Map<string, Entry[]> | null = null;
const loaded = new Map<Entry, Analyzer>();

/** Analyzers interested in a program basename. */
export function analyzersFor(program: string): Analyzer[] {
  if (!byProgram) {
    byProgram = new Map();
    for (const e of FAMILIES) for (const p of e.programs) byProgram.set(p, [...(byProgram.get(p) ?? []), e]);
  }
  // Every mkfs.<type> is a formatter, whatever filesystems this list knows of (mkfs.gfs2, mkfs.ocfs2...).
  const entries = byProgram.get(program) ?? byProgram.get(program.toLowerCase().replace(/\.exe$/, '')) ?? (/^mkfs\.[a-z0-9]+$/i.test(program) ? byProgram.get('mkfs') : undefined) ?? [];
  return entries.map((e) => {
    let a = loaded.get(e);
    if (!a) {
      a = e.load();
      loaded.set(e, a);
    }
    return a;
  });
}

/** Every program name some family watches (the shims and the fast path use it). */
export function watchedPrograms(): string[] {
  return [...new Set(FAMILIES.flatMap((e) => e.programs))];
}
