// A real PostgreSQL for the end-to-end suite: Debian's server binaries, a fresh cluster in a
// temporary directory, run by an unprivileged system user on 127.0.0.1, stopped afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';

export interface Pg {
  host: string;
  port: number;
  dir: string;
  user: string;
  psql(db: string, sql: string): string;
  stop(): void;
}

function pgBin(name: string): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const p = path.join(base, v, 'bin', name);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`PostgreSQL server binary ${name} not found under ${base}: install Debian's postgresql package (.ci/run does)`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Runs argv as `user` when we are root (postgres refuses to run as root). */
function asUser(user: string | null, argv: string[], opts: { input?: string } = {}): string {
  const full = user ? ['runuser', '-u', user, '--', ...argv] : argv;
  return execFileSync(full[0]!, full.slice(1), { encoding: 'utf8', input: opts.input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60000 });
}

export async function startPostgres(): Promise<Pg> {
  const isRoot = process.getuid?.() === 0;
  // Debian's package creates the `postgres` system user; as root we run the server under it.
  const sysUser = isRoot ? 'postgres' : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-pg-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  fs.mkdirSync(sock);
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  asUser(sysUser, [pgBin('initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  asUser(sysUser, [pgBin('pg_ctl'), '-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', `-h 127.0.0.1 -p ${port} -k ${sock} -c fsync=off`, 'start']);
  const psql = (db: string, sql: string): string =>
    execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-c', sql], { encoding: 'utf8', timeout: 30000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  return {
    host: '127.0.0.1',
    port,
    dir,
    user: 'postgres',
    psql,
    stop() {
      spawnSync(isRoot ? 'runuser' : pgBin('pg_ctl'), isRoot ? ['-u', 'postgres', '--', pgBin('pg_ctl'), '-D', data, '-m', 'immediate', 'stop'] : ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore', timeout: 30000 });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The car-rental schema of the incident's company, with seed rows. */
export const CAR_RENTAL_SQL = `
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE NOT NULL);
CREATE TABLE vehicles (id serial PRIMARY KEY, plate text UNIQUE NOT NULL, model text NOT NULL, daily_rate numeric(8,2) NOT NULL);
CREATE TABLE bookings (id serial PRIMARY KEY, customer_id int REFERENCES customers, vehicle_id int REFERENCES vehicles, starts date NOT NULL, ends date NOT NULL);
CREATE TABLE payments (id serial PRIMARY KEY, booking_id int REFERENCES bookings, amount numeric(10,2) NOT NULL, paid_at timestamptz DEFAULT now());
INSERT INTO customers (name, email) SELECT 'Customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 40) g;
INSERT INTO vehicles (plate, model, daily_rate) SELECT 'CAR-' || g, (ARRAY['Clio','Golf','Model 3','Yaris'])[1 + g % 4], 30 + g FROM generate_series(1, 12) g;
INSERT INTO bookings (customer_id, vehicle_id, starts, ends) SELECT 1 + g % 40, 1 + g % 12, date '2026-04-01' + g, date '2026-04-03' + g FROM generate_series(1, 120) g;
INSERT INTO payments (booking_id, amount) SELECT id, 99.50 FROM bookings;
`;

export function rowCounts(pg: Pg, db: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['customers', 'vehicles', 'bookings', 'payments']) {
    try {
      out[t] = Number(pg.psql(db, `SELECT count(*) FROM ${t}`));
    } catch {
      out[t] = -1; // table gone
    }
  }
  return out;
}
