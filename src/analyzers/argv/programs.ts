// The programs the argv helper wakes for (kept apart so src/analyzers/index.ts can list them
// without loading the analyzer).
export const PROGRAMS = [
  // ops
  'systemctl', 'service', 'shutdown', 'reboot', 'halt', 'poweroff', 'init', 'telinit', 'iptables', 'ip6tables', 'iptables-legacy', 'ip6tables-legacy',
  'iptables-nft', 'ip6tables-nft', 'ebtables', 'arptables', 'nft', 'ufw', 'firewall-cmd', 'ip', 'ifconfig', 'ifdown', 'route', 'nmcli', 'lvremove', 'vgremove', 'pvremove',
  'lvreduce', 'cryptsetup', 'zfs', 'zpool', 'scp', 'rsync', 'cp', 'install', 'crontab', 'userdel', 'deluser', 'kill', 'nginx', 'haproxy', 'apachectl', 'apache2ctl',
  'ssh-keygen', 'ssh-add', 'nsupdate', 'socat',
  // secrets
  'vault', 'op', 'doppler', 'gh', 'glab', 'circleci', 'java', 'jenkins-cli', 'jenkins', 'jcli', 'gitlab-runner', 'gitlab-rails', 'gitlab-rake', 'gitlab-ctl',
  // backups
  'restic', 'borg', 'borg2', 'velero', 'rclone', 'mc', 'tarsnap', 'duplicity', 'kopia', 'azcopy',
  // saas
  'fastly', 'algolia', 'wrangler', 'stripe', 'square', 'ldcli', 'split', 'unleash', 'flipt', 'apigeecli', 'deck', 'nats', 'rabbitmqctl', 'rabbitmqadmin', 'kafka-topics', 'kafka-topics.sh',
  'kafka-consumer-groups', 'kafka-consumer-groups.sh', 'kafka-configs', 'kafka-configs.sh', 'kafka-acls', 'kafka-acls.sh', 'kafka-delete-records',
  'kafka-delete-records.sh', 'kafka-storage', 'kafka-storage.sh', 'rpk', 'datadog-ci', 'newrelic', 'pd', 'grafana-cli', 'splunk', 'consul', 'etcdctl', 'nomad',
  // iac (infrastructure as code, deploy frameworks, clusters, GitOps)
  'pulumi', 'cdk', 'aws-cdk', 'cdktf', 'serverless', 'sls', 'sst', 'eksctl', 'argocd', 'flux', 'docker', 'podman',
  // providers (hosted clouds and platforms)
  'doctl', 'linode-cli', 'linode', 'openstack', 'firebase',
  // registries and object stores
  'crane', 'skopeo', 'regctl', 'oras', 's3cmd', 's5cmd',
  // migration tools
  'flyway', 'dbmate', 'goose', 'liquibase', 'dotnet', 'sqlx', 'cargo',
] as const;
