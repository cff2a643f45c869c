// Which files hold credentials, and what kind. Matched against the path as resolved by the shell
// walker (~ and $HOME already expanded when known), and against its basename.

export type SecretKind =
  | 'railway-token-store' | 'dotenv' | 'aws-credentials' | 'gcloud-credentials' | 'kubeconfig' | 'netrc'
  | 'pgpass' | 'ssh-private-key' | 'private-key' | 'docker-credentials' | 'package-registry-token'
  | 'git-credentials' | 'cli-token-store' | 'vault-token';

const TABLE: [SecretKind, string[]][] = [
  ['railway-token-store', ['**/.railway/config.json', '**/.railway/*.json']],
  ['aws-credentials', ['**/.aws/credentials', '**/.aws/sso/cache/**', '**/.aws/cli/cache/**']],
  ['gcloud-credentials', ['**/.config/gcloud/**', '**/application_default_credentials.json', '**/*service-account*.json', '**/*-sa-key.json']],
  ['kubeconfig', ['**/.kube/config', '**/.kube/*.yaml', '**/kubeconfig', '**/kubeconfig.*', '**/*.kubeconfig']],
  ['netrc', ['**/.netrc', '**/_netrc']],
  ['pgpass', ['**/.pgpass', '**/.my.cnf']],
  ['ssh-private-key', ['**/.ssh/id_*', '**/.ssh/*_key', '**/.ssh/*.pem', '**/ssh_host_*_key']],
  ['private-key', ['**/*.pem', '**/*.key', '**/*.p12', '**/*.pfx', '**/*.jks']],
  ['docker-credentials', ['**/.docker/config.json']],
  ['package-registry-token', ['**/.npmrc', '**/.pypirc', '**/.gem/credentials', '**/.cargo/credentials*', '**/.yarnrc.yml']],
  ['git-credentials', ['**/.git-credentials', '**/.config/gh/hosts.yml', '**/.config/git/credentials']],
  ['cli-token-store', [
    '**/.terraform.d/credentials.tfrc.json', '**/.terraformrc', '**/.config/flyctl/config.yml', '**/.fly/config.yml',
    '**/.vercel/auth.json', '**/.local/share/com.vercel.cli/auth.json', '**/.netlify/config.json', '**/.config/netlify/config.json',
    '**/.supabase/access-token', '**/.azure/accessTokens.json', '**/.azure/msal_token_cache.*', '**/.config/doctl/config.yaml',
    '**/.heroku/credentials', '**/.config/heroku/**', '**/.config/stripe/config.toml',
  ]],
  ['vault-token', ['**/.vault-token']],
];

// Compiled on first use: most lines name no file, and picomatch costs start-up time.
let compiled: { notSecret: (p: string) => boolean; matchers: (readonly [SecretKind, (p: string) => boolean])[] } | null = null;
function matchers(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const picomatch = require('picomatch') as typeof import('picomatch');
  compiled = {
    notSecret: picomatch(['**/*.pub', '**/*.example', '**/*.sample', '**/*.template', '**/*.dist', '**/*.tpl', '**/.env.example*', '**/.env.sample*', '**/.env.template*', '**/.env.dist'], { dot: true, nocase: true }),
    matchers: TABLE.map(([kind, globs]) => [kind, picomatch(globs, { dot: true, nocase: true })] as const),
  };
  return compiled;
}
const DOTENV = /^(\.env(\..+)?|.+\.env|\.envrc|\.dev\.vars|secrets?\.(ya?ml|json|toml))$/i;

export function secretKind(p: string): SecretKind | null {
  if (!p || p.startsWith('-') || p.includes('://')) return null;
  const full = p.startsWith('/') ? p : `/${p.replace(/^\.\//, '')}`;
  const { notSecret, matchers: table } = matchers();
  if (notSecret(full)) return null;
  const base = full.slice(full.lastIndexOf('/') + 1);
  if (DOTENV.test(base)) return 'dotenv';
  for (const [kind, m] of table) if (m(full)) return kind;
  return null;
}

/** Words a secret hunt greps for. */
export const SECRET_PATTERN = /token|secret|api[_-]?key|apikey|passw(or)?d|passwd|credential|private[_ -]?key|bearer|authorization|aws_access|aws_secret|client[_-]?secret|BEGIN[A-Z ]*PRIVATE/i;

/** Environment variable names that carry a credential. */
export const CREDENTIAL_VAR = /TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|CREDENTIAL|AUTH|DATABASE_URL|_DSN$|PGPASSWORD/i;

/** Names in a pattern or filter that look like credential variables (RAILWAY_TOKEN). */
export function namedVariables(text: string): string[] {
  return [...new Set((text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).filter((w) => CREDENTIAL_VAR.test(w) && /[A-Z_]/.test(w) && w.length > 3))];
}
