// Subcommands of the agent integrations: hook, shim (internal), shims, install, uninstall, doctor.
// Heavy modules are loaded inside the actions so `airlock shim`/`airlock hook` stay fast.
import type { Command as Program } from 'commander';

export function registerAgentIntegrations(program: Program, setCode: (c: number) => void): void {
  program
    .command('hook')
    .description('Agent harness hook: reads the harness JSON on stdin, answers no opinion or the harness deny form (claude-code, cursor, codex, gemini, copilot, windsurf, cline)')
    .argument('<harness>', 'claude-code | cursor | codex | gemini | copilot | windsurf | cline')
    .action(async (harness: string) => {
      const { runHook } = await import('./harness/hook');
      await runHook(harness);
    });

  program
    .command('shim', { hidden: true })
    .description('internal entry of the program shim scripts')
    .argument('<name>')
    .argument('[args...]')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (name: string, args: string[]) => {
      const { runShim } = await import('./shims/run');
      setCode(await runShim(name, args ?? []));
    });

  const shims = program.command('shims').description('Program shims (psql, terraform, curl, ...) to put first on the agent\'s PATH');
  shims
    .command('install')
    .description('write the shims (default dir ~/.local/share/airlock/shims)')
    .argument('[dir]')
    .action(async (dir?: string) => {
      const s = await import('./shims/shims');
      const { shimPathLine } = await import('./install/targets');
      const r = s.installShims(dir ? require('path').resolve(dir) : s.defaultShimDir());
      const all = s.listShims(r.dir);
      process.stdout.write(`${r.written.length ? `wrote ${r.written.length} shims` : 'shims up to date'} in ${r.dir} (${all.length}: ${all.join(' ')})${r.removed.length ? `; removed ${r.removed.join(' ')}` : ''}\n`);
      process.stdout.write(`Put them first on the agent's PATH:\n  ${shimPathLine(r.dir)}\n`);
    });
  shims
    .command('list')
    .description('list the shims and the real program each one runs')
    .argument('[dir]')
    .action(async (dir?: string) => {
      const s = await import('./shims/shims');
      const d = dir ? require('path').resolve(dir) : s.defaultShimDir();
      process.stdout.on('error', () => process.exit(0));
      const names = s.listShims(d);
      if (!names.length) {
        process.stdout.write(`no shims in ${d} (airlock shims install)\n`);
        setCode(1);
        return;
      }
      process.stdout.write(`${d}\n`);
      for (const n of names) process.stdout.write(`  ${n.padEnd(14)} -> ${s.findReal(n, process.env, [d]) ?? '(not installed on PATH)'}\n`);
    });
  shims
    .command('uninstall')
    .description('remove the shims')
    .argument('[dir]')
    .action(async (dir?: string) => {
      const s = await import('./shims/shims');
      const d = dir ? require('path').resolve(dir) : s.defaultShimDir();
      const removed = s.uninstallShims(d);
      process.stdout.write(removed.length ? `removed ${removed.length} shims from ${d}\n` : `no shims in ${d}\n`);
    });
  shims
    .command('path')
    .description('print the shim directory (for export PATH=...)')
    .action(async () => {
      const s = await import('./shims/shims');
      process.stdout.write(s.defaultShimDir() + '\n');
    });

  const targetHelp = 'claude-code | cursor | codex | gemini | copilot | windsurf | cline | bash | zsh | shims';
  program
    .command('install')
    .description('Install airlock into an agent harness, a shell, or as program shims (idempotent; backs up files it changes)')
    .argument('<target>', targetHelp)
    .option('-n, --dry-run', 'print the diff, change nothing')
    .option('--project <dir>', 'project directory (copilot: .github/hooks)')
    .option('--dir <dir>', 'shim directory (shims)')
    .option('--rc', 'shims: also add the PATH line to ~/.bashrc / ~/.zshrc')
    .action(async (target: string, o: { dryRun?: boolean; project?: string; dir?: string; rc?: boolean }) => {
      setCode(await (await import('./install/command')).installCommand('install', target, o));
    });
  program
    .command('uninstall')
    .description('Remove exactly what `airlock install <target>` added')
    .argument('<target>', targetHelp)
    .option('-n, --dry-run', 'print the diff, change nothing')
    .option('--project <dir>', 'project directory (copilot)')
    .option('--dir <dir>', 'shim directory (shims)')
    .action(async (target: string, o: { dryRun?: boolean; project?: string; dir?: string }) => {
      setCode(await (await import('./install/command')).installCommand('uninstall', target, o));
    });
  program
    .command('doctor')
    .description('Check every integration: installed, where, and whether it would fire; each problem with a fix')
    .option('--json', 'machine-readable output')
    .option('--project <dir>', 'project directory (copilot)')
    .option('--dir <dir>', 'shim directory')
    .action(async (o: { json?: boolean; project?: string; dir?: string }) => {
      const { doctor, formatDoctor } = await import('./install/doctor');
      const r = doctor({ project: o.project, dir: o.dir });
      r.parser = await (await import('../shell/parser')).shellParserInfo();
      r.hardening = (await import('../system/doctor')).hardeningReport();
      process.stdout.write(o.json ? JSON.stringify(r, null, 2) + '\n' : formatDoctor(r));
      setCode(r.ok ? 0 : 1);
    });
}
