// Well-known places in the home directory where CLIs and people keep credentials.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const HOME_FILES = [
  '.aws/credentials',
  '.railway/config.json',
  '.config/gh/hosts.yml',
  '.docker/config.json',
  '.kube/config',
  '.netrc', '_netrc',
  '.pgpass',
  '.npmrc', '.pypirc', '.git-credentials', '.config/git/credentials',
  '.config/gcloud/application_default_credentials.json',
  '.azure/accessTokens.json', '.azure/msal_token_cache.json',
  '.fly/config.yml', '.config/flyctl/config.yml',
  '.local/share/com.vercel.cli/auth.json', '.vercel/auth.json', 'Library/Application Support/com.vercel.cli/auth.json',
  '.supabase/access-token',
  '.wrangler/config/default.toml', '.config/.wrangler/config/default.toml', 'Library/Preferences/.wrangler/config/default.toml',
  '.terraform.d/credentials.tfrc.json',
  '.config/doctl/config.yaml',
  '.vault-token',
];

/** Absolute paths of the credential files that exist in `home`. */
export function homeFiles(home: string): string[] {
  const out: string[] = [];
  const add = (p: string) => {
    try {
      if (fs.statSync(p).isFile()) out.push(p);
    } catch {
      // absent
    }
  };
  for (const rel of HOME_FILES) add(path.join(home, rel));
  const list = (dir: string, keep: (name: string) => boolean) => {
    try {
      for (const n of fs.readdirSync(path.join(home, dir))) if (keep(n)) add(path.join(home, dir, n));
    } catch {
      // absent
    }
  };
  // Dotenv files left in the home, SSH private keys, gcloud's per-account credentials.
  list('', (n) => /^\.env(\..+)?$/.test(n) && !/\.(example|sample|template)$/.test(n));
  list('.ssh', (n) => /^id_[a-z0-9]+$/.test(n) || /\.pem$/.test(n));
  try {
    for (const acct of fs.readdirSync(path.join(home, '.config/gcloud/legacy_credentials'))) add(path.join(home, '.config/gcloud/legacy_credentials', acct, 'adc.json'));
  } catch {
    // absent
  }
  return out;
}
