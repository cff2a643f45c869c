// Ruby and PHP frameworks: rails/rake db:* tasks (also bin/rails, bundle exec), Laravel artisan.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { cliFact, envOf, show, target } from '../cli-fact';

/** rails [opts] TASK... [VAR=value]: each db:* task. */
export function analyzeRails(cmd: Command, ctx: AnalyzeContext, argv = cmd.argv): Fact[] {
  const tool = argv[0]?.value?.split('/').pop() === 'rake' ? 'rake' : 'rails';
  const words = argv.slice(1);
  const vars: Record<string, string | null> = {};
  const tasks: (string | null)[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!.value;
    if (v !== null && /^[A-Z_][A-Z0-9_]*=/.test(v)) vars[v.slice(0, v.indexOf('='))] = v.slice(v.indexOf('=') + 1);
    else if (v === '-e' || v === '--environment') vars.RAILS_ENV = words[++i]?.value ?? null;
    else if (v !== null && v.startsWith('--environment=')) vars.RAILS_ENV = v.slice(14);
    else if (v === null || !v.startsWith('-')) tasks.push(v);
  }
  const env = (n: string): string | null | undefined => (n in vars ? vars[n] : envOf(cmd, ctx, n));
  const railsEnv = env('RAILS_ENV') ?? env('RACK_ENV');
  // Rails defaults to development, but not on a machine we only reach remotely (heroku run, kubectl exec).
  const envName = railsEnv ?? (cmd.remote ? undefined : 'development');
  const bypass = ['1', 'true', 'yes'].includes(String(env('DISABLE_DATABASE_ENVIRONMENT_CHECK') ?? '').toLowerCase());
  return tasks
    .filter((t) => t === null || t.startsWith('db:'))
    .map((t) => cliFact(cmd, {
      tool, object: 'database', action: t === null ? '$?' : t, name: envName ?? 'default environment', environment: show(envName),
      bypass, targets: target('name', envName), infra: true, unknown: t === null,
    }));
}

/** php artisan migrate:fresh|reset|refresh, db:wipe (--force skips the production prompt). */
export function analyzeArtisan(cmd: Command, ctx: AnalyzeContext, argv = cmd.argv): Fact[] {
  const words = argv.map((w) => w.value);
  const k = words.findIndex((w, i) => i > 0 && w !== null && !w.startsWith('-'));
  if (k < 0) return [];
  const task = words[k];
  const envFlag = words.find((w) => w?.startsWith('--env='))?.slice(6);
  const appEnv = envFlag ?? envOf(cmd, ctx, 'APP_ENV') ?? 'local';
  return [cliFact(cmd, {
    tool: 'artisan', object: 'database', action: task ?? '$?', name: appEnv ?? '$?', environment: show(appEnv), force: words.includes('--force'),
    targets: target('name', appEnv), unknown: task === null,
  })];
}
