// rake [flags] [TASK[args]...]: the Rakefile's tasks (`default` when none is named) with their
// prerequisites, each task's block judged by the code family's Ruby reader, with rake's own
// helpers (sh, ruby, rm_rf, rm_r, ...) read as the Kernel/FileUtils calls they are. Tasks a
// Rakefile does not define (db:drop from Rails) are the ORM family's business.
import type { Command, Fact } from '../../types';
import type { AnalyzeContext } from '../types';
import { MAX_SCRIPT_DEPTH, scriptDepth } from './depth';
import { MAX_RECIPE_DEPTH, readConfig, recipeCode, recipeFact, recipeLine, runnerArgs, isUnreadable, unreadableFact } from './recipes';

const FLAGS = {
  withValue: ['-f', '--rakefile', '-C', '--directory', '-I', '--libdir', '-r', '--require', '-R', '--rakelibdir', '-e', '--execute', '-p', '--execute-print', '-E', '--execute-continue', '-j', '--jobs'],
  file: ['-f', '--rakefile'],
  dir: ['-C', '--directory'],
  inert: /^(-T|--tasks|-D|--describe|-W|--where|-P|--prereqs|-n|--dry-run|-h|-H|--help|-V|--version|-A|--all)$/,
};

const NAMES = ['rakefile', 'Rakefile', 'rakefile.rb', 'Rakefile.rb'];

/** Rake's DSL helpers and FileUtils methods mixed into a Rakefile, by the API they are. */
const ALIASES: Record<string, string> = {
  sh: 'Kernel.system', ruby: 'Kernel.system', rm_rf: 'FileUtils.rm_rf', rm_r: 'FileUtils.rm_r', rm: 'FileUtils.rm', rm_f: 'FileUtils.rm_f',
  rmtree: 'FileUtils.rmtree', remove_dir: 'FileUtils.remove_dir', remove_entry: 'FileUtils.remove_entry', safe_unlink: 'FileUtils.safe_unlink', rmdir: 'Dir.rmdir',
};

interface RakeTask {
  deps: string[];
  source: string;
}

/** Tasks by full name (namespaces joined with `:`), found by indentation: `task NAME [=> deps] do ... end`. */
export function parseRakefile(text: string): Map<string, RakeTask> {
  const lines = text.split(/\r?\n/);
  const tasks = new Map<string, RakeTask>();
  const spaces: { indent: number; name: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const indent = /^\s*/.exec(l)![0].length;
    // A namespace ends at the `end` level with its `namespace ... do`.
    if (spaces.length && /^\s*end\b/.test(l) && indent <= spaces[spaces.length - 1]!.indent) {
      spaces.pop();
      continue;
    }
    const ns = /^\s*namespace\s+[:'"]?([\w-]+)['"]?\s*do\b/.exec(l);
    if (ns) {
      spaces.push({ indent, name: ns[1]! });
      continue;
    }
    const t = /^\s*(?:task|multitask|file)\s*\(?\s*(?::([\w-]+)|["']([\w:-]+)["']|([\w-]+):|["']([\w:-]+)["']\s*=>|:([\w-]+)\s*=>)(.*)$/.exec(l);
    if (!t) continue;
    const name = t[1] ?? t[2] ?? t[3] ?? t[4] ?? t[5]!;
    const rest = t[6] ?? '';
    const depText = /^\s*(?:=>|,)?\s*(\[[^\]]*\]|%[iw][[(][^\])]*[\])]|:[\w-]+|["'][\w:-]+["'])/.exec(rest)?.[1] ?? '';
    const deps = (depText.match(/[\w:-]+/g) ?? []).filter((d) => !/^%?[iw]$/.test(d)).map((d) => d.replace(/^:/, ''));
    let end = i + 1;
    if (/\bdo\b|\{/.test(rest)) {
      while (end < lines.length && !(new RegExp(`^\\s{0,${indent}}(end|})\\b`).test(lines[end]!))) end++;
      end++;
    }
    const full = [...spaces.map((s) => s.name), name].join(':');
    tasks.set(full, { deps: deps.map((d) => (d.includes(':') ? d : [...spaces.map((s) => s.name), d].join(':'))), source: lines.slice(i + 1, Math.max(i + 1, end - 1)).join('\n') });
    i = Math.max(i, end - 1);
  }
  return tasks;
}

export async function analyzeRake(cmd: Command, ctx: AnalyzeContext): Promise<Fact[]> {
  if (scriptDepth(cmd) >= MAX_SCRIPT_DEPTH) return [];
  const a = runnerArgs(cmd, FLAGS);
  if (a.inert) return [];
  const names = a.names.filter((n) => n === null || !/^[A-Za-z_]\w*=/.test(n));
  if (names.includes(null)) return [recipeFact(cmd, 'rake', null, false)];
  const cfg = readConfig(ctx, a, NAMES);
  if (isUnreadable(cfg)) return [unreadableFact(cmd, cfg)];
  if (!cfg) return [];
  const tasks = parseRakefile(cfg.text);
  const goals = (names.length ? (names as string[]) : ['default']).map((n) => n.replace(/\[.*$/, ''));
  const facts: Fact[] = [];
  const seen = new Set<string>();
  const run = async (name: string, depth: number): Promise<void> => {
    const t = tasks.get(name) ?? tasks.get(name.split(':').pop()!);
    if (!t || seen.has(name) || depth > MAX_RECIPE_DEPTH) return;
    seen.add(name);
    for (const d of t.deps) {
      if (tasks.has(d) || tasks.has(d.split(':').pop()!)) await run(tasks.has(d) ? d : d.split(':').pop()!, depth + 1);
      // A prerequisite the Rakefile does not define (Rails' db:drop): judged as `rake DEP` by every family.
      else if (d !== 'environment' && d !== 'load_config') facts.push(...(await recipeLine(cmd, ctx, `rake ${d}`, { tool: 'rake', recipe: name })));
    }
    // Rake::Task["db:drop"].invoke / .execute runs that task: read as `sh "rake db:drop"`.
    const source = t.source.replace(/Rake::Task\[\s*(?::([\w:]+)|["']([\w:]+)["'])\s*\]\.(?:invoke|execute)\b/g, (_m, a: string | undefined, b: string | undefined) => `sh("rake ${a ?? b}")`);
    if (source.trim()) facts.push(...(await recipeCode(cmd, ctx, source, 'ruby', `${cfg.file}:${name}`, { tool: 'rake', recipe: name }, ALIASES)));
  };
  for (const g of goals) {
    // Rails' own tasks (db:drop, db:reset) are judged by the ORM family when the Rakefile does not define them.
    if (!tasks.has(g)) continue;
    facts.push(recipeFact(cmd, 'rake', g, true));
    await run(g, 0);
  }
  return facts;
}
