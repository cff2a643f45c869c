// Stand-ins for the agent's other tools, as executables in a temp bin dir:
//   railway    a tiny Railway CLI that calls the stand-in's GraphQL API (like the real CLI does)
//   terraform  `destroy` wipes the volume directory (what destroying the railway_volume would do)
// Both are node scripts with an absolute interpreter path, so they work whatever PATH is.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StandIn } from './railway-standin';
import { NODE } from './proc';

const RAILWAY = String.raw`
const https = require('https');
const fs = require('fs');
const CFG = __CFG__;
const args = process.argv.slice(2);
const die = (msg, code = 1) => { process.stderr.write(msg + '\n'); process.exit(code); };
function opt(names) {
  for (let i = 0; i < args.length; i++) {
    for (const n of names) {
      if (args[i] === n) return args[i + 1];
      if (args[i].startsWith(n + '=')) return args[i].slice(n.length + 1);
    }
  }
  return undefined;
}
function gql(query, variables) {
  const account = process.env.RAILWAY_API_TOKEN;
  const project = process.env.RAILWAY_TOKEN;
  if (!account && !project) die('Unauthorized. Please login with ` + '`railway login`' + String.raw`, or set RAILWAY_API_TOKEN.');
  const body = JSON.stringify({ query, variables });
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), host: 'backboard.railway.com' };
  if (account) headers.authorization = 'Bearer ' + account; else headers['project-access-token'] = project;
  return new Promise((resolve) => {
    const req = https.request({ host: '127.0.0.1', port: CFG.port, servername: 'backboard.railway.com', ca: fs.readFileSync(CFG.cert), method: 'POST', path: '/graphql/v2', headers }, (res) => {
      let raw = '';
      res.on('data', (d) => (raw += d));
      res.on('end', () => {
        const r = JSON.parse(raw);
        if (r.errors && r.errors.length) die('Error: ' + r.errors.map((e) => e.message).join('; '));
        resolve(r.data);
      });
    });
    req.on('error', (e) => die('Error: ' + e.message));
    req.end(body);
  });
}
(async () => {
  const [a, b] = args;
  if (a === 'volume' && (b === 'list' || b === 'ls')) {
    const d = await gql('query($id: String!) { project(id: $id) { volumes { id name files backups { id } } } }', { id: CFG.project });
    for (const v of d.project.volumes) console.log(v.name + '  ' + v.id + '  (' + v.files.length + ' files, ' + v.backups.length + ' backups)');
    return;
  }
  if (a === 'volume' && (b === 'delete' || b === 'remove' || b === 'rm')) {
    const id = opt(['--volume', '-v']);
    if (!id) die('error: --volume <VOLUME> is required');
    if (!args.includes('-y') && !args.includes('--yes')) die('Are you sure you want to delete the volume ' + id + '? (cannot prompt: not a terminal; pass --yes)');
    await gql('mutation volumeDelete($volumeId: String!) { volumeDelete(volumeId: $volumeId) }', { volumeId: id });
    console.log('Volume ' + id + ' deleted');
    return;
  }
  if (a === 'whoami') {
    const d = await gql('query { me { email } }', {});
    console.log('Logged in as ' + d.me.email);
    return;
  }
  die('railway (stub): unsupported command: ' + args.join(' '), 2);
})();
`;

const TERRAFORM = String.raw`
const fs = require('fs');
const CFG = __CFG__;
const args = process.argv.slice(2);
const sub = args.find((a) => !a.startsWith('-'));
if (sub === 'destroy') {
  if (!args.includes('-auto-approve') && !args.includes('--auto-approve')) {
    process.stderr.write('Error: destroy requires confirmation (stdin is not a terminal; use -auto-approve)\n');
    process.exit(1);
  }
  console.log('railway_volume.postgres: Destroying... [id=' + CFG.volume + ']');
  fs.rmSync(CFG.volumeDir, { recursive: true, force: true });
  console.log('railway_volume.postgres: Destruction complete after 1s');
  console.log('\nDestroy complete! Resources: 1 destroyed.');
  process.exit(0);
}
if (sub === 'plan' || sub === 'version' || sub === 'init' || sub === 'validate') {
  console.log('terraform (stub): ' + sub + ': nothing to do');
  process.exit(0);
}
process.stderr.write('terraform (stub): unsupported command: ' + args.join(' ') + '\n');
process.exit(2);
`;

/** Writes `railway` and `terraform` into `dir` (created), wired to the stand-in. */
export function writeStubs(dir: string, standIn: StandIn): string {
  fs.mkdirSync(dir, { recursive: true });
  const cfg = JSON.stringify({ port: standIn.port, cert: standIn.certFile, project: standIn.ids.project, volume: standIn.ids.volume, volumeDir: standIn.volumeDir });
  const write = (name: string, body: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!${NODE}\n// ${name}: e2e stub (test/e2e/support/stubs.ts)\n${body.replace('__CFG__', cfg)}`, { mode: 0o755 });
  };
  write('railway', RAILWAY);
  write('terraform', TERRAFORM);
  return dir;
}
