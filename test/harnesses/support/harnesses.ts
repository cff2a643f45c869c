// The real harness CLIs, as the rig runs them: pinned npm versions installed by
// scripts/harnesses.mjs into a cache outside node_modules, a fresh HOME with airlock installed by
// `airlock install <target>`, every model URL pointed at the scripted server on 127.0.0.1, and the
// headless invocation each harness documents. Versions and flags: docs/harnesses.md.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Env = Record<string, string>;

export interface HarnessDef {
  name: 'claude-code' | 'codex' | 'gemini' | 'copilot' | 'cline';
  pkg: string;
  version: string;
  bin: string;
  /** `airlock install` target. */
  target: string;
  /** Config files and env for a fresh HOME, before `airlock install`. */
  setup(home: string, work: string, modelUrl: string): Env;
  argv(prompt: string): string[];
}

/** Pinned packages, shared with scripts/harnesses.mjs (which installs them). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const PINS = require('../pins.json') as Record<HarnessDef['name'], { pkg: string; version: string; bin: string; ci: boolean }>;

export const CACHE = process.env.AIRLOCK_HARNESS_CACHE ?? path.join(os.homedir(), '.cache', 'airlock-harnesses');

export function installDir(h: Pick<HarnessDef, 'name' | 'version'>): string {
  return path.join(CACHE, `${h.name}@${h.version}`);
}

export function binPath(h: HarnessDef): string {
  return path.join(installDir(h), 'node_modules', '.bin', h.bin);
}

export function installed(h: HarnessDef): boolean {
  return fs.existsSync(binPath(h));
}

const quiet: Env = { DISABLE_TELEMETRY: '1', DO_NOT_TRACK: '1', NO_UPDATE_NOTIFIER: '1', CI: 'true' };

export const HARNESSES: HarnessDef[] = [
  {
    name: 'claude-code',
    ...PINS['claude-code'],
    target: 'claude-code',
    setup: (home, _work, url) => {
      // Skips the first-run onboarding screen (headless runs never show it, but be explicit).
      fs.writeFileSync(path.join(home, '.claude.json'), JSON.stringify({ hasCompletedOnboarding: true, bypassPermissionsModeAccepted: true }));
      return {
        ...quiet,
        ANTHROPIC_BASE_URL: url,
        ANTHROPIC_API_KEY: 'sk-ant-test-not-a-key',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_AUTOUPDATER: '1',
        DISABLE_ERROR_REPORTING: '1',
        // Claude Code refuses bypassPermissions as root outside a sandbox.
        ...(process.getuid?.() === 0 ? { IS_SANDBOX: '1' } : {}),
      };
    },
    argv: (prompt) => ['-p', prompt, '--output-format', 'json', '--permission-mode', 'bypassPermissions'],
  },
  {
    name: 'codex',
    ...PINS.codex,
    target: 'codex',
    setup: (home, _work, url) => {
      const dir = path.join(home, '.codex');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'config.toml'),
        [
          'model = "test-model"',
          'model_provider = "fake"',
          '',
          '[model_providers.fake]',
          'name = "fake"',
          `base_url = "${url}/v1"`,
          'wire_api = "responses"',
          'env_key = "FAKE_MODEL_KEY"',
          'requires_openai_auth = false',
          '',
        ].join('\n'),
      );
      return { ...quiet, FAKE_MODEL_KEY: 'test-not-a-key', CODEX_HOME: dir };
    },
    argv: (prompt) => ['exec', '--skip-git-repo-check', '--json', '--dangerously-bypass-approvals-and-sandbox', prompt],
  },
  {
    name: 'gemini',
    ...PINS.gemini,
    target: 'gemini',
    setup: (home, work, url) => {
      const dir = path.join(home, '.gemini');
      fs.mkdirSync(dir, { recursive: true });
      // Settings hooks run only in trusted folders.
      fs.writeFileSync(path.join(dir, 'trustedFolders.json'), JSON.stringify({ [work]: 'TRUST_FOLDER' }));
      fs.writeFileSync(
        path.join(dir, 'settings.json'),
        JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: true } }, privacy: { usageStatisticsEnabled: false }, telemetry: { enabled: false }, general: { disableAutoUpdate: true, disableUpdateNag: true } }, null, 2),
      );
      // GEMINI_CLI_NO_RELAUNCH: no second node process for a bigger heap (one start instead of two).
      return { ...quiet, GOOGLE_GEMINI_BASE_URL: url, GEMINI_API_KEY: 'test-not-a-key', GEMINI_CLI_NO_RELAUNCH: 'true' };
    },
    // A named model: with the default `auto`, every turn first asks a classifier model for a JSON
    // complexity score, which the scripted server cannot give; the CLI retries with backoff for
    // ~100 s before falling back (that was the 100-120 s per run).
    argv: (prompt) => ['-p', prompt, '--yolo', '-m', 'gemini-2.5-flash'],
  },
  {
    name: 'copilot',
    ...PINS.copilot,
    target: 'copilot',
    setup: (home, _work, url) => {
      const dir = path.join(home, '.copilot');
      fs.mkdirSync(dir, { recursive: true });
      // Offline mode with a "bring your own key" provider: no GitHub login, no telemetry, no
      // auto-update, the model at our server (Anthropic Messages wire format).
      return {
        ...quiet,
        COPILOT_HOME: dir,
        COPILOT_OFFLINE: 'true',
        COPILOT_AUTO_UPDATE: 'false',
        COPILOT_PROVIDER_TYPE: 'anthropic',
        COPILOT_PROVIDER_BASE_URL: url,
        COPILOT_PROVIDER_API_KEY: 'test-not-a-key',
        COPILOT_MODEL: 'claude-sonnet-4.5',
      };
    },
    argv: (prompt) => ['-p', prompt, '--allow-all-tools', '--no-color'],
  },
  {
    name: 'cline',
    ...PINS.cline,
    target: 'cline',
    setup: (home, _work, url) => {
      // The CLI's own provider setup, against our server's OpenAI-compatible chat endpoint.
      const env = { ...quiet, HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' };
      execFileSync(path.join(installDir({ name: 'cline', version: PINS.cline.version }), 'node_modules', '.bin', 'cline'), ['auth', '-p', 'openai-compatible', '-k', 'test-not-a-key', '-m', 'test-model', '-b', `${url}/v1`], { env, stdio: 'pipe', timeout: 60_000 });
      return { ...quiet };
    },
    argv: (prompt) => [prompt, '--json'],
  },
];

export interface HarnessRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

let runs = 0;

/**
 * Ends the processes that carry this run's marker in their environment: daemons that left the
 * process group with setsid (Cline 3.0.65's hub daemon outlived every run, on 127.0.0.1:25463).
 */
function killMarked(mark: string): void {
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid);
  } catch {
    return; // no /proc: nothing to find
  }
  for (const pid of pids) {
    try {
      if (fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(mark)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone, or not ours to read
    }
  }
}

/** Runs the harness once in `work` (stdin from /dev/null), killed after `timeoutMs`. */
export function runHarness(h: HarnessDef, prompt: string, opts: { env: Env; cwd: string; timeoutMs?: number }): Promise<HarnessRun> {
  const started = Date.now();
  const id = `${process.pid}-${++runs}`;
  return new Promise((resolve, reject) => {
    const p = spawn(binPath(h), h.argv(prompt), { env: { ...opts.env, AIRLOCK_HARNESS_RUN: id }, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-p.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, opts.timeoutMs ?? 90_000);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      // Harnesses leave helpers behind (MCP servers, daemons): end the whole process group.
      try {
        process.kill(-p.pid!, 'SIGKILL');
      } catch {
        // gone
      }
      killMarked(`AIRLOCK_HARNESS_RUN=${id}`);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}
