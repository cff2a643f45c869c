// Generic argv helper for the long-tail rulesets (ops, secrets, backups, saas): one `argv` fact per
// command of a watched program, so YAML rules can glob the subcommand path and name the positional
// the human must type. Options are left out of the path; options known to take a value (per program,
// below) take the next word with them, so `vault -namespace admin secrets disable kv/` has the path
// [secrets, disable, kv/].
//
// Fact: { type: 'argv', program, path: string[] (positionals, as written), words (path lower-cased,
// joined with spaces), arg1..arg6, last (last positional), lastArg (last word of argv, options
// included), flags: {name: value} (`--service-id x` -> flags.service_id = 'x'; `-X` -> flags.X),
// options (option names), target (value of a naming option, else the last positional), host
// (where it runs: ssh host, else 'localhost'), remote (ssh/docker target when not local), stdin (text fed
// on stdin when the line shows it) }.
import type { Analyzer, AnalyzeContext } from '../types';
import { pipeText } from '../../shell/stdin';
import type { Command, Fact, Target, Word } from '../../types';
import { tokens, type ArgvSpec } from '../../argv/tokens';

/** Options that take a value as the next word, per program ('*' applies to every program). */
const VALUE_OPTS: Record<string, string[] | undefined> = {
  '*': ['--project', '--config', '--workspace', '--org', '--organization', '--context', '--name', '--service-id', '--id', '--key', '--email', '--developer',
    '--dictionary-id', '--acl-id', '--namespace-id', '--secret-id', '--vault', '--account', '--profile', '--server', '--url', '--token', '--repo',
    '--selector', '--flag', '--environment', '--output', '--format', '--region', '--host', '--port', '--user', '--password', '--namespace'],
  vault: ['-namespace', '-ns', '-address', '-ca-cert', '-ca-path', '-client-cert', '-client-key', '-mount', '-versions', '-version', '-format', '-field', '-path', '-policy', '-method', '-output-policy', '-tls-server-name', '--address', '--mount', '--field'],
  op: ['--vault', '--account', '--format', '--session', '--config', '--categories', '--tags'],
  doppler: ['-p', '-c', '--config-dir', '--scope', '--configuration', '-t'],
  gh: ['-R', '-e', '--env', '-o', '-a', '--app', '-u', '-b', '--body', '-q', '--jq', '-t', '--template', '-X', '--method', '-H', '--header', '-f', '-F', '--field', '--raw-field'],
  glab: ['-R', '-X', '--method', '-H', '--header', '-f', '-F', '--field', '--raw-field', '-g', '--group', '-s', '--scope'],
  circleci: ['--org-slug', '--org-id', '--host', '--token'],
  java: ['-jar', '-cp', '-classpath', '--class-path', '-s', '-auth', '-i', '-webSocket'],
  'jenkins-cli': ['-s', '-auth', '-i'],
  restic: ['-r', '--repo', '--repository-file', '--password-file', '--password-command', '--cache-dir', '--tag', '--host', '--path', '-o', '--option', '--keep-last', '--keep-hourly', '--keep-daily', '--keep-weekly', '--keep-monthly', '--keep-yearly', '--keep-within', '--keep-tag', '--max-unused', '--max-repack-size', '--limit-upload', '--limit-download', '--pack-size'],
  borg: ['--keep-last', '--keep-secondly', '--keep-minutely', '--keep-hourly', '--keep-daily', '--keep-weekly', '--keep-monthly', '--keep-yearly', '--keep-within', '-a', '--glob-archives', '--match-archives', '--exclude', '-e', '--rsh', '--remote-path', '--prefix', '--comment', '--compression', '-C', '--lock-wait', '--umask', '--repo', '-r'],
  velero: ['-n', '--namespace', '-l', '--selector', '--kubeconfig', '--kubecontext', '--name', '-o'],
  rclone: ['--config', '--filter', '-f', '--include', '--exclude', '--filter-from', '--include-from', '--exclude-from', '--files-from', '--backup-dir', '--suffix', '--log-file', '--log-level', '--transfers', '--checkers', '--bwlimit', '--max-age', '--min-age', '--max-size', '--min-size', '--max-depth', '--dedupe-mode', '--order-by', '--compare-dest', '--copy-dest', '--max-delete', '--max-transfer', '--retries', '--stats'],
  mc: ['--config-dir', '-C', '--older-than', '--newer-than', '--version-id', '--rewind', '--encrypt-key', '--limit-upload', '--limit-download', '--exclude', '--storage-class'],
  tarsnap: ['-f', '--keyfile', '--cachedir', '--configfile', '-C'],
  duplicity: ['--name', '--archive-dir', '--encrypt-key', '--sign-key', '--file-to-restore', '-t', '--time'],
  kopia: ['--config-file', '--password', '--tags'],
  azcopy: ['--delete-destination', '--include-pattern', '--exclude-pattern', '--include-path', '--exclude-path', '--list-of-files', '--list-of-versions', '--from-to', '--log-level', '--cap-mbps', '--block-size-mb', '--include-after', '--include-before', '--output-type', '--trusted-microsoft-suffixes', '--compare-hash'],
  algolia: ['--profile', '-p', '--application-id', '--api-key', '--admin-api-key', '-o', '--output', '--file', '-F', '--query', '--filters'],
  fastly: ['-s', '--service-id', '--service-name', '-n', '--name', '--version', '--dictionary-id', '--acl-id', '--key', '--id', '--token', '--profile', '-t', '--store-id', '--url'],
  wrangler: ['--namespace-id', '--binding', '--env', '-e', '--config', '-c', '--name', '--jurisdiction', '--message', '--version-id'],
  stripe: ['--api-key', '--project-name', '-p', '-d', '--data', '--stripe-account', '--stripe-version', '--color', '--log-level', '--device-name'],
  square: ['--environment', '--location', '--access-token'],
  ldcli: ['--project', '--environment', '--access-token', '--base-uri', '--output', '-o'],
  split: ['--workspace', '--environment', '--apikey', '--api-key', '-l', '-b', '-C', '-n', '-a', '-t', '--lines', '--bytes', '--line-bytes', '--number', '--suffix-length', '--additional-suffix', '--separator', '--filter'],
  unleash: ['--project', '--environment', '--api-key', '--url', '--token'],
  flipt: ['--namespace', '--flag', '--key', '--id', '--config', '--address', '--token'],
  apigeecli: ['-n', '--name', '-o', '--org', '-e', '--env', '-r', '--rev', '-t', '--token', '--developer', '--email', '-a', '--account', '--default-token'],
  deck: ['--kong-addr', '--headers', '--select-tag', '-s', '--state', '-o', '--output-file', '--workspace', '-w', '--parallelism', '--skip-consumers'],
  nats: ['-s', '--server', '--creds', '--nkey', '--tlscert', '--tlskey', '--tlsca', '--context', '--user', '--password', '--connection-name', '--js-domain', '--js-api-prefix', '--timeout', '--subject', '--seq', '--keep'],
  rabbitmqctl: ['-p', '--vhost', '-n', '--node', '-t', '--timeout', '-l', '--longnames'],
  'rabbitmq-diagnostics': ['-n', '--node', '-t', '--timeout'],
  rabbitmqadmin: ['-H', '--host', '-P', '--port', '-V', '--vhost', '-u', '--username', '-p', '--password', '-U', '--base-uri', '-c', '--config', '-N', '--node', '-f', '--format', '--path-prefix'],
  kafka: ['--bootstrap-server', '--topic', '--group', '--entity-type', '--entity-name', '--entity-default', '--delete-config', '--add-config', '--offset-json-file', '--operation', '--to-offset', '--shift-by', '--to-datetime', '--by-duration', '--partitions', '--replication-factor', '--command-config', '--admin.config', '--allow-principal', '--deny-principal', '--allow-host', '--deny-host', '--resource-pattern-type', '-t', '--cluster-id', '-c', '--config', '--zookeeper'],
  rpk: ['-X', '--brokers', '--config', '--profile', '-p', '--partitions', '-r', '--replicas', '--user', '--password', '--sasl-mechanism', '-g', '--group'],
  newrelic: ['--accountId', '-a', '--guid', '--profile', '--format'],
  pd: ['--profile', '-p', '--email', '--name'],
  'datadog-ci': ['--site', '--api-key', '--app-key'],
  'grafana-cli': ['--homepath', '--config', '--pluginsDir', '--repo', '--pluginUrl'],
  splunk: ['-auth', '-index', '-uri', '-app', '-owner'],
  consul: ['-http-addr', '-token', '-token-file', '-datacenter', '-namespace', '-partition', '-ca-file', '-client-cert', '-client-key', '-tls-server-name', '-separator', '-id', '-name', '-accessor-id'],
  etcdctl: ['--endpoints', '--cert', '--key', '--cacert', '--user', '--password', '--command-timeout', '--dial-timeout', '-w', '--write-out', '--data-dir'],
  nomad: ['-address', '-region', '-namespace', '-token', '-ca-cert', '-client-cert', '-client-key', '-tls-server-name'],
  systemctl: ['-H', '--host', '-M', '--machine', '-t', '--type', '--state', '-p', '--property', '-n', '--lines', '-o', '--signal', '-s', '--kill-whom', '--kill-value', '--root', '--job-mode', '--when', '--message'],
  service: [],
  shutdown: [],
  ip: ['-n', '-netns', '-b', '-batch', '-rc', '-rcvbuf', '-l', '-loops', '-c', '-color'],
  iptables: ['-t', '--table', '-w', '--wait', '-W', '--wait-interval', '-m', '--match', '-j', '--jump', '-p', '--protocol', '-s', '--source', '-d', '--destination', '-i', '--in-interface', '-o', '--out-interface', '--dport', '--sport', '--to-destination', '--to-source', '--to-ports', '--state', '--ctstate', '--comment', '-g', '--goto'],
  nft: ['-f', '--file', '-I', '--includepath', '-D', '--define'],
  ufw: [],
  ifconfig: [],
  route: ['-A', '-n', 'netmask', 'gw', 'dev', 'metric'],
  nmcli: ['-f', '--fields', '-g', '--get-values', '-m', '--mode', '-c', '--colors', '-w', '--wait'],
  cryptsetup: ['--key-file', '-d', '--key-slot', '-S', '--type', '-M', '--cipher', '-c', '--key-size', '-s', '--hash', '-h', '--header', '--pbkdf', '--iter-time', '-i', '--label', '--uuid', '--sector-size'],
  lvremove: ['--config', '--commandprofile', '--select', '-S'],
  vgremove: ['--config', '--commandprofile', '--select', '-S'],
  pvremove: ['--config', '--commandprofile'],
  lvreduce: ['-L', '--size', '-l', '--extents', '--config'],
  zfs: ['-o', '-t'],
  zpool: ['-o', '-d'],
  scp: ['-P', '-i', '-o', '-F', '-c', '-l', '-J', '-S', '-D', '-X'],
  rsync: ['-e', '--rsh', '--exclude', '--include', '--filter', '-f', '--port', '--password-file', '--chmod', '--chown', '--usermap', '--groupmap', '--exclude-from', '--include-from', '--files-from', '--backup-dir', '--suffix', '--log-file', '--log-file-format', '--out-format', '--rsync-path', '--timeout', '--contimeout', '-T', '--temp-dir', '--partial-dir', '--compare-dest', '--copy-dest', '--link-dest', '--max-size', '--min-size', '--max-delete', '--bwlimit', '--block-size', '-B', '--iconv', '--address', '--sockopts', '--skip-compress', '--compress-level', '--modify-window'],
  cp: ['-t', '--target-directory', '-S', '--suffix'],
  install: ['-m', '--mode', '-o', '--owner', '-g', '--group', '-t', '--target-directory', '-S', '--suffix'],
  crontab: ['-u'],
  userdel: ['-R', '--root', '-P', '--prefix', '-Z'],
  deluser: ['--conf', '--backup-to'],
  kill: ['-s', '-n'],
  nginx: ['-s', '-c', '-g', '-p', '-e'],
  haproxy: ['-f', '-p', '-sf', '-st', '-L', '-C', '-n', '-N', '-x', '-S'],
  'ssh-keygen': ['-f', '-t', '-b', '-C', '-N', '-P', '-E', '-F', '-m', '-O', '-n', '-I', '-V', '-Z', '-a', '-s', '-w', '-z'],
  'ssh-add': ['-t', '-E', '-S', '-h', '-H', '-s', '-e'],
  nsupdate: ['-k', '-y', '-t', '-u', '-p', '-r'],
  'gitlab-runner': ['--name', '-n', '--url', '-u', '--token', '-t', '--config', '-c'],
  'gitlab-rails': ['-e', '--environment'],
  'gitlab-ctl': [],
  'gitlab-rake': [],
  apachectl: ['-f', '-d', '-C', '-c', '-k'],
  apache2ctl: ['-f', '-d', '-C', '-c', '-k'],
  // infrastructure as code, deploy frameworks, cluster and GitOps tools (rulesets/iac.yaml)
  pulumi: ['-s', '--stack', '-C', '--cwd', '--target', '-t', '--exclude', '--parallel', '-p', '--message', '-m', '--config-file', '--secrets-provider', '--target-dependents'],
  cdk: ['-a', '--app', '--profile', '-c', '--context', '--role-arn', '-r', '--toolkit-stack-name', '-o', '--output', '--exclusively', '--concurrency'],
  serverless: ['-s', '--stage', '-r', '--region', '-c', '--config', '--aws-profile', '--app', '-f', '--function'],
  sst: ['--stage', '--config', '--region'],
  eksctl: ['-n', '--name', '-r', '--region', '-f', '--config-file', '-c', '--cluster', '--profile', '--timeout'],
  argocd: ['--server', '--auth-token', '--grpc-web-root-path', '--config', '-N', '--app-namespace', '-l', '--selector', '-p', '--propagation-policy', '-o', '--resource', '--kube-context', '--port-forward-namespace'],
  flux: ['-n', '--namespace', '--context', '--kubeconfig', '--timeout', '--source'],
  doctl: ['-t', '--access-token', '-c', '--config', '--context', '-o', '--output', '--format', '-u', '--api-url', '--region', '--tag-name', '--image', '--size'],
  'linode-cli': ['--label', '--region', '--type', '--image', '--root_pass', '--format', '--text', '--delimiter'],
  openstack: ['--os-cloud', '--os-project-name', '--os-region-name', '--os-auth-url', '--os-username', '--os-password', '-f', '--format', '-c', '--column', '--image', '--flavor', '--network'],
  crane: ['--platform'],
  skopeo: ['--creds', '--authfile', '--cert-dir', '--registries-conf', '--override-os', '--override-arch'],
  regctl: ['--host', '--user-agent', '-v', '--verbosity'],
  oras: ['-u', '--username', '-p', '--password', '--registry-config'],
  s3cmd: ['-c', '--config', '--exclude', '--include', '--rexclude', '--rinclude', '--exclude-from', '--include-from', '--host', '--host-bucket', '--region', '--bucket-location', '--access_key', '--secret_key'],
  s5cmd: ['--endpoint-url', '--profile', '--credentials-file', '--numworkers'],
  docker: ['-H', '--host', '--context', '-c', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '--compose-file'],
  podman: ['--connection', '--url', '--identity', '--log-level', '--root', '--runroot'],
  // migration tools (rulesets/migrations.yaml)
  flyway: ['-configFiles', '-url', '-user', '-password', '-locations', '-schemas'],
  dbmate: ['-u', '--url', '-e', '--env', '-d', '--migrations-dir', '-s', '--schema-file', '--wait-timeout'],
  goose: ['-dir', '-table', '-certfile', '-ssl-cert', '-ssl-key', '-s', '-env'],
  liquibase: ['--url', '--username', '--password', '--changelog-file', '--defaults-file', '--search-path', '--contexts', '--label-filter'],
  dotnet: ['-p', '--project', '-s', '--startup-project', '-c', '--context', '--configuration', '-f', '--framework', '--connection', '--msbuildprojectextensionspath', '--runtime', '-r'],
  sqlx: ['-D', '--database-url', '--source', '--connect-timeout'],
  cargo: ['-D', '--database-url', '--source', '-p', '--package', '--manifest-path', '--target', '--features', '-F', '-j', '--jobs'],
  // hosted platforms (rulesets/providers.yaml)
  firebase: ['-P', '--project', '--token', '--instance', '--config', '--only', '--except', '--database'],
};

/** Options whose value names the environment (stack, stage, cluster, project), per program. */
const ENV_FLAGS_FOR: Record<string, string[] | undefined> = {
  pulumi: ['s', 'stack'],
  serverless: ['s', 'stage'],
  sst: ['stage'],
  eksctl: ['n', 'name', 'c', 'cluster'],
  argocd: ['server', 'kube_context'],
  flux: ['n', 'context'],
  doctl: ['c'],
  openstack: ['os_cloud', 'os_project_name'],
  firebase: ['P', 'project'],
  dbmate: ['e', 'env'],
  goose: ['env'],
};

/** Options whose value is a database URL, per program (a host target). */
const URL_FLAGS_FOR: Record<string, string[] | undefined> = {
  flyway: ['url'], dbmate: ['u', 'url'], liquibase: ['url'], sqlx: ['D', 'database_url'], cargo: ['D', 'database_url'], dotnet: ['connection'],
};

/** Options whose value names the thing a command acts on, most specific first. */
const NAMING = ['secret_id', 'service_id', 'namespace_id', 'dictionary_id', 'acl_id', 'topic', 'group', 'entity_name', 'name', 'id', 'key', 'email', 'flag'];

/** Program aliases that share a table (kafka-topics.sh -> kafka-topics, iptables-legacy -> iptables). */
function tableFor(program: string): string {
  if (/^ip6?tables(-legacy|-nft)?$|^ebtables$|^arptables$/.test(program)) return 'iptables';
  if (program === 'jenkins' || program === 'jcli') return 'jenkins-cli';
  if (program.startsWith('kafka-')) return 'kafka';
  if (program === 'sls') return 'serverless';
  if (program === 'linode') return 'linode-cli';
  if (program === 'aws-cdk') return 'cdk';
  return program.replace(/\.sh$/, '');
}


/** Text fed on stdin when the line shows it (heredoc, here-string, echo/printf into a pipe). */
function stdinText(cmd: Command, ctx: AnalyzeContext): string {
  return (pipeText(cmd, (p) => ctx.readFile(p)) ?? '').trim();
}

/** The long-tail programs' options as the shared tokenizer reads them: no clusters, `-5` an option. */
const specs = new Map<string, ArgvSpec>();
function valuedFor(table: string): ArgvSpec {
  let s = specs.get(table);
  if (!s) specs.set(table, (s = { style: 'go', digitOptions: true, value: [...(VALUE_OPTS['*'] ?? []), ...(VALUE_OPTS[table] ?? [])] }));
  return s;
}

const ENV_FLAGS = ['env', 'environment', 'config', 'context', 'workspace', 'namespace'];

const analyzer: Analyzer = {
  name: 'argv',
  analyze(cmd, ctx) {
    const program = cmd.program ?? '';
    const table = tableFor(program);
    const valued = valuedFor(table);
    const argv = cmd.argv.slice(1).map((w): Word => (w.value === null ? { raw: w.raw, value: '$?' } : w));
    const words = argv.map((w) => w.value!);
    const path: string[] = [];
    const options: string[] = [];
    const flags: Record<string, string> = {};
    for (const t of tokens(argv, valued)) {
      if (t.kind === 'positional') path.push(t.word.value!);
      else if (t.kind === 'end') path.push(...words.slice(t.index));
      else {
        options.push(t.name);
        const key = t.name.replace(/^-+/, '').replace(/-/g, '_');
        // An option that takes a value but ends argv takes none.
        if (t.attached || t.valueWord) flags[key] = t.value ?? '';
        else flags[key] ??= 'true';
      }
    }
    const target = NAMING.map((k) => flags[k]).find((v) => v !== undefined && v !== 'true') ?? path[path.length - 1] ?? '';
    const targets: Target[] = [];
    for (const k of [...ENV_FLAGS, ...(ENV_FLAGS_FOR[table] ?? [])]) if (flags[k] && flags[k] !== 'true') targets.push({ kind: 'name', value: flags[k] });
    for (const k of URL_FLAGS_FOR[table] ?? []) if (flags[k] && flags[k] !== 'true') targets.push({ kind: 'url', value: flags[k] });
    if (cmd.remote) targets.push({ kind: 'host', value: cmd.remote });
    const fact: Fact = {
      type: 'argv',
      command: cmd.text,
      program,
      path,
      words: path.join(' ').toLowerCase(),
      last: path[path.length - 1] ?? '',
      lastArg: words[words.length - 1] ?? '',
      argc: words.length,
      options,
      flags,
      target,
      host: cmd.remote ?? 'localhost',
      stdin: stdinText(cmd, ctx),
      via: cmd.via,
      // The stack, stage, cluster or project an option names (pulumi -s prod, sls --stage prod), else ''.
      scope: [...(ENV_FLAGS_FOR[table] ?? []), ...(URL_FLAGS_FOR[table] ?? [])].map((k) => flags[k]).find((v) => v !== undefined && v !== 'true') ?? '',
    };
    for (let i = 0; i < 6; i++) fact[`arg${i + 1}`] = path[i] ?? '';
    if (cmd.remote) fact.remote = cmd.remote;
    if (targets.length) fact.targets = targets;
    return [fact];
  },
};
export default analyzer;
