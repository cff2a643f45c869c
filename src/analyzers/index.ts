// The families. Each entry names the programs that wake an analyzer and loads it on first use,
// so a benign line never loads the SQL or GraphQL parsers. A new family is one line here.
import type { Analyzer } from './types';
import { familyKeys } from './keys';

export { familyKeys };

interface Entry {
  programs: readonly string[];
  /** The folder's name (the fast path, src/fast, runs some families itself). */
  family?: string;
  load: () => Analyzer;
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const FAMILIES: Entry[] = [
  { programs: ['cd', 'pushd', 'popd', 'rm', 'unlink', 'shred', 'srm', 'wipe', 'mv', 'find', 'busybox', 'toybox', 'truncate', 'rsync', 'chmod', 'chown', 'chgrp', 'dd', 'tee', 'cp', 'tar', 'mkfs', 'mke2fs', 'mkswap', 'mkdosfs', 'mkntfs', 'newfs', 'newfs_apfs', 'newfs_hfs', 'newfs_msdos', 'mkfs.ext2', 'mkfs.ext3', 'mkfs.ext4', 'mkfs.xfs', 'mkfs.btrfs', 'mkfs.vfat', 'mkfs.fat', 'mkfs.msdos', 'mkfs.ntfs', 'mkfs.exfat', 'mkfs.f2fs', 'mkfs.minix', 'mkfs.bfs', 'mkfs.cramfs', 'mkfs.jfs', 'mkfs.reiserfs', 'mkfs.hfsplus', 'mkfs.udf', 'mkfs.nilfs2', 'mkfs.zfs', 'fdisk', 'sfdisk', 'cfdisk', 'gdisk', 'sgdisk', 'cgdisk', 'parted', 'wipefs', 'blkdiscard', 'diskutil'], family: 'files', load: () => require('./files').default },
  { programs: ['git', 'gh', 'git-filter-repo'], family: 'git', load: () => require('./git').default },
  { programs: ['pip', 'pip3', 'uv', 'python', 'python2', 'python3', 'python3.8', 'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14', 'pypy3', 'node', 'nodejs', 'deno', 'bun', 'ruby', 'perl', 'php', 'tsx', 'ts-node', 'ts-node-esm', 'go', 'rails', 'jruby', 'vite-node', 'esno'], family: 'code', load: () => require('./code').default },
  { programs: ['psql', 'pgcli', 'dropdb', 'dropuser', 'pg_restore', 'pg_dump', 'drop', 'delete', 'truncate', 'alter', 'update', 'merge', 'revoke', 'copy', 'vacuum', 'reassign'], family: 'postgres', load: () => require('./postgres').default },
  { programs: ['terraform', 'tofu', 'terragrunt'], family: 'terraform', load: () => require('./terraform').default },
  { programs: ['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'gh'], family: 'http', load: () => require('./http').default },
  { programs: ['railway'], family: 'railway', load: () => require('./railway').default },
  { programs: ['kubectl', 'oc', 'k', 'helm', 'helm3'], family: 'kubernetes', load: () => require('./kubernetes').default },
  { programs: ['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose'], family: 'containers', load: () => require('./containers').default },
  { programs: ['aws', 'gcloud', 'gsutil', 'az'], family: 'cloud', load: () => require('./cloud').default },
  { programs: ['fly', 'flyctl', 'heroku', 'vercel', 'netlify', 'supabase', 'neonctl', 'neon', 'pscale'], family: 'platforms', load: () => require('./platforms').default },
  { programs: ['mysql', 'mariadb', 'mysqladmin', 'mariadb-admin', 'sqlite3', 'sqlite', 'mongosh', 'mongo', 'mongorestore', 'redis-cli', 'valkey-cli', 'duckdb', 'litecli', 'usql', 'clickhouse-client', 'clickhouse', 'cqlsh', 'sqlcmd', 'snowsql', 'bq', 'heroku', 'wrangler', 'prisma'], family: 'datastores', load: () => require('./datastores').default },
  { programs: ['prisma', 'rails', 'rake', 'bundle', 'python', 'python3', 'manage.py', 'django-admin', 'knex', 'sequelize', 'sequelize-cli', 'typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm', 'drizzle-kit', 'php', 'artisan', 'alembic', 'mikro-orm'], family: 'orm', load: () => require('./orm').default },
  { programs: ['npm', 'pnpm', 'yarn', 'bun', 'make', 'gmake', 'just', 'task', 'go-task', 'rake', 'invoke', 'inv', 'nox', 'tox'], family: 'scripts', load: () => require('./scripts').default },
  { programs: ['cat', 'tac', 'less', 'more', 'head', 'tail', 'bat', 'batcat', 'nl', 'view', 'strings', 'od', 'hexdump', 'xxd', 'base64', 'base32', 'basenc', 'openssl', 'gpg', 'jq', 'yq', 'awk', 'gawk', 'sed', 'cut', 'sort', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'cp', 'scp', 'rsync', 'install', 'tar', 'zip', 'gzip', 'source', '.', 'dotenv', 'python', 'python3', 'node', 'git', 'curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'railway', 'psql', 'pg_dump', 'pg_restore', 'mysql', 'gh', 'aws', 'gcloud', 'gsutil', 'kubectl', 'helm', 'terraform', 'tofu', 'vercel', 'fly', 'flyctl', 'heroku', 'supabase', 'doctl', 'az', 'stripe', 'npx'], family: 'credentials', load: () => require('./credentials').default },
  { programs: ['mcp', 'mcptools'], family: 'mcp', load: () => require('./mcp').default },
  { programs: require('./argv/programs').PROGRAMS, family: 'argv', load: () => require('./argv').default },
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
  let entries: Entry[] = [];
  for (const k of familyKeys(program)) {
    const got = byProgram.get(k);
    if (got) {
      entries = got;
      break;
    }
  }
  return entries.map((e) => {
    let a = loaded.get(e);
    if (!a) {
      a = e.load();
      loaded.set(e, a);
    }
    return a;
  });
}

/** Program -> the families it wakes, in FAMILIES order (the fast path's snapshot). */
export function familiesByProgram(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of FAMILIES) for (const p of e.programs) (out[p] ??= []).push(e.family ?? '?');
  return out;
}

/** Every program name some family watches (the shims and the fast path use it). */
export function watchedPrograms(): string[] {
  return [...new Set(FAMILIES.flatMap((e) => e.programs))];
}
