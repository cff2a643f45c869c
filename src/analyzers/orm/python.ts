// Django (manage.py / django-admin flush, reset_db, migrate APP zero) and alembic downgrade.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { cliFact, envOf, show, target } from '../cli-fact';
import { databaseTargets } from './node';

/** python [opts] manage.py CMD ... | ./manage.py CMD | django-admin CMD */
export function analyzePython(cmd: Command, ctx: AnalyzeContext): Fact[] {
  const words = cmd.argv.map((w) => w.value);
  let k = 0;
  if (cmd.program === 'python' || cmd.program === 'python3') {
    k = words.findIndex((w, i) => i > 0 && w !== null && !w.startsWith('-'));
    if (k < 0) return [];
    const script = words[k]!.split('/').pop()!;
    if (script === 'alembic' || (words[k - 1] === '-m' && script === 'alembic')) return alembic(cmd, ctx, words.slice(k + 1));
    if (!(words[k - 1] === '-m' && script === 'django') && script !== 'manage.py') return [];
  } else if (cmd.program === 'alembic') return alembic(cmd, ctx, words.slice(1));
  const rest = words.slice(k + 1);
  const sub = rest.find((w) => w === null || !w.startsWith('-'));
  if (sub === undefined) return [];
  const settings = rest.find((w) => w?.startsWith('--settings='))?.slice(11) ?? envOf(cmd, ctx, 'DJANGO_SETTINGS_MODULE');
  const args = rest.slice(rest.indexOf(sub) + 1).filter((w) => w === null || !w.startsWith('-'));
  return [cliFact(cmd, {
    tool: 'django', object: 'database', action: sub ?? '$?', name: settings ?? 'default database', settings: show(settings),
    zero: sub === 'migrate' && args[1] === 'zero', noInput: rest.some((w) => w === '--noinput' || w === '--no-input'),
    targets: [...databaseTargets(cmd, ctx), ...target('name', settings)], unknown: sub === null,
  })];
}

function alembic(cmd: Command, ctx: AnalyzeContext, words: (string | null)[]): Fact[] {
  const pos = words.filter((w, i) => w === null || (!w.startsWith('-') && !['-c', '--config', '-n', '--name', '-x'].includes(words[i - 1] ?? '')));
  const [sub, rev] = pos;
  if (sub === undefined) return [];
  return [cliFact(cmd, { tool: 'alembic', object: 'database', action: sub ?? '$?', name: rev === undefined ? '' : rev, revision: show(rev), targets: databaseTargets(cmd, ctx), unknown: sub === null })];
}
