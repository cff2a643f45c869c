// Provider and kind from what a library cannot see: the variable or key a value is assigned to.
// secretlint knows token shapes; Railway's tokens are bare UUIDs and Cloudflare's, Fly's and
// Heroku's have no fixed shape, so only the name says whose they are.

/** Variable/key names that carry a credential (matched case-insensitively on the whole name). */
const SECRETISH = /(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SERVICE_ROLE|CREDENTIALS?|AUTH_?KEY|DATABASE_URL|_DSN|CONNECTION_STRING|SIGNING_KEY|WEBHOOK_SECRET)/i;
/** Names that match the words above but hold no secret (ids, paths, switches). */
const NOT_SECRET = /(_ID|_IDS|_FILE|_PATH|_DIR|_NAME|_USER(NAME)?|_HOST|_PORT|_REGION|_ENDPOINT|_TTL|_EXPIRY|_EXPIRES(_AT)?|_TYPE|_HEADER|_URL_BASE|_LENGTH|_ENABLED|_DISABLED|_POLICY)$|AUTHOR|OAUTH_URL|TOKEN_URL|AUTH_URL/i;

export function isSecretName(name: string): boolean {
  return SECRETISH.test(name) && !NOT_SECRET.test(name);
}

const BY_NAME: [RegExp, string, string][] = [
  [/^RAILWAY_API_TOKEN$/i, 'railway', 'account or team token'],
  [/^RAILWAY_(PROJECT_)?TOKEN$/i, 'railway', 'API token'],
  [/^RAILWAY/i, 'railway', 'API token'],
  [/^(CLOUDFLARE|CF)_(API_)?KEY$/i, 'cloudflare', 'global API key'],
  [/^(CLOUDFLARE|CF|WRANGLER)_/i, 'cloudflare', 'API token'],
  [/^VERCEL/i, 'vercel', 'access token'],
  [/^(FLY|FLYCTL)_/i, 'fly', 'API token'],
  [/^SUPABASE_SERVICE_ROLE/i, 'supabase', 'service role key'],
  [/^SUPABASE_ACCESS_TOKEN/i, 'supabase', 'personal access token'],
  [/^SUPABASE/i, 'supabase', 'key'],
  [/^HEROKU/i, 'heroku', 'API key'],
  [/^(GITHUB|GH)_/i, 'github', 'token'],
  [/^GITLAB/i, 'gitlab', 'token'],
  [/^AWS_SECRET/i, 'aws', 'secret access key'],
  [/^AWS_SESSION/i, 'aws', 'session token'],
  [/^AWS_/i, 'aws', 'credential'],
  [/^(GOOGLE|GCP|GCLOUD)_/i, 'gcp', 'credential'],
  [/^(AZURE|ARM)_/i, 'azure', 'credential'],
  [/^STRIPE/i, 'stripe', 'API key'],
  [/^NPM_/i, 'npm', 'access token'],
  [/^(DIGITALOCEAN|DO)_/i, 'digitalocean', 'token'],
  [/^(DATABASE_URL|PG|POSTGRES)/i, 'postgres', 'password'],
  [/^(MYSQL|MARIADB)/i, 'mysql', 'password'],
  [/^(REDIS)/i, 'redis', 'password'],
  [/^DOCKER/i, 'docker', 'registry token'],
  [/^(OPENAI)/i, 'openai', 'API key'],
  [/^(ANTHROPIC)/i, 'anthropic', 'API key'],
  [/^(SENTRY)/i, 'sentry', 'token'],
  [/^(TFE|TF_TOKEN|TF_CLOUD)/i, 'terraform-cloud', 'API token'],
];

/** Token shapes the library has no rule for. */
const BY_SHAPE: [RegExp, string, string][] = [
  [/^sbp_[0-9a-f]{40}$/, 'supabase', 'personal access token'],
  [/^(FlyV1 |fm2_|fo1_)/, 'fly', 'API token'],
];

export function providerByName(name: string | undefined, value: string): { provider: string; kind: string } {
  for (const [re, provider, kind] of BY_SHAPE) if (re.test(value)) return { provider, kind };
  const base = (name ?? '').replace(/^.*[.\s]/, '');
  for (const [re, provider, kind] of BY_NAME) if (re.test(base)) return { provider, kind };
  return { provider: 'generic', kind: 'secret' };
}

/** secretlint rule id + message id -> provider and kind. */
export function providerOfRule(ruleId: string, messageId: string | undefined): { provider: string; kind: string } {
  const rule = ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
  const id = messageId ?? '';
  const kinds: Record<string, string> = {
    AWSSecretAccessKey: 'secret access key', AWSAccessKeyID: 'access key id', AWSAccountID: 'account id',
    PrivateKey: 'private key', PrivateKeyJSON: 'private key (JSON)', PrivateKeyP12: 'private key (PKCS#12)',
    BasicAuth: 'password in URL', PostgreSQLConnection: 'connection string with password',
    MySQLConnection: 'connection string with password', MongoDBConnection: 'connection string with password',
    GITHUB_TOKEN: 'token', Npmrc_authToken: 'access token', NPM_ACCESS_TOKEN: 'access token',
    VERCEL_PERSONAL_ACCESS_TOKEN: 'personal access token', SLACK_TOKEN: 'token', IncomingWebhook: 'webhook URL',
  };
  const providers: Record<string, string> = {
    'database-connection-string': id.startsWith('MySQL') ? 'mysql' : id.startsWith('Mongo') ? 'mongodb' : 'postgres',
    privatekey: 'private-key', basicauth: 'basic-auth', gcp: 'gcp', aws: 'aws',
  };
  return { provider: providers[rule] ?? rule, kind: kinds[id] ?? id.replace(/_/g, ' ').toLowerCase() };
}

/** Values that are obviously not real: placeholders, references, switches. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length < 8) return true;
  if (/^\$|\$\{|\{\{|^%|^<.*>$|^\[.*\]$/.test(v)) return true;
  if (/^(x+|\*+|\.+|-+|0+|changeme|change_me|change-me|replace_?me|your[-_ ].*|<.*|example.*|placeholder|dummy|redacted|secret|password|null|none|true|false|undefined|todo|tbd|test(ing)?)$/i.test(v)) return true;
  if (/^(\/|\.\/|~\/)/.test(v)) return true;
  // A plain lower-case word or phrase is a setting, not a credential.
  if (/^[a-z]+([-_ ][a-z]+)*$/.test(v)) return true;
  return false;
}
