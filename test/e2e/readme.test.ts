/**
 * The README is tested: every shell example in README.md runs, in README order, as written.
 *
 * - Which blocks run and how a hidden `<!-- readme-test … -->` comment sets one up:
 *   test/helpers/readme.ts.
 * - One shell for the whole README, `bash` with `set -euo pipefail`, in one fresh directory: state
 *   carries from example to example as in a reader's terminal (variables, files, background jobs
 *   such as the README's own `hookctl emulator &`, which is the emulator every example talks to).
 *   Each command's exit code is checked on its own: 0, or what the comment before its block says.
 * - The environment is a reader's: no variable of the test's own, only PATH (node and the system
 *   tools), a fresh HOME, and npm pointed at a user prefix in it (offline: the tests use no
 *   network). `hookctl` is the package as users get it: the README's first command installs the
 *   tarball that `npm pack` made from this checkout (needs `npm run build` first, as `npm test`
 *   does), and everything after runs that installed `hookctl`.
 * - A failure names the README line, the command, its exit code and the tail of its stderr; the
 *   run stops at the first (README_TEST_KEEP_GOING=1 goes on and reports every one).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { parseReadme, readmeScript, stepOutput } from '../helpers/readme.js';
import { CHILD_TIMEOUT_MS } from '../helpers/timeouts.js';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    // Its own process group, so the README's background jobs end with it.
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    };
    const timer = setTimeout(() => killGroup('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    // The README's background jobs (its emulators) hold the pipes open: when the shell exits, end
    // them, then take the output once the pipes close.
    let code: number | null = null;
    child.on('exit', (exitCode) => {
      code = exitCode;
      killGroup('SIGTERM');
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

// README_TEST_KEEP_GOING=1 runs every command even after one failed, and reports them all.
const keepGoing = process.env.README_TEST_KEEP_GOING === '1';

describe('README.md', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = parseReadme(readme);

  it('says, next to every example that must exit non-zero, which code it exits with', () => {
    const lines = readme.split('\n');
    for (const block of blocks.filter((b) => b.exit !== 0)) {
      const around = lines.slice(Math.max(0, block.line - 8), block.line + 12).join('\n');
      expect(around, `README.md:${block.line}: the block exits ${block.exit}; say so next to it`).toMatch(new RegExp(`exits? ${block.exit}\\b`));
    }
  });

  it('runs every shell example as written, in order, against the emulator', { timeout: CHILD_TIMEOUT_MS * 2 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookctl-readme-'));
    const home = join(dir, 'home');
    const work = join(home, 'work');
    mkdirSync(work, { recursive: true });
    const env = {
      PATH: [join(home, '.npm-global/bin'), dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
      HOME: home,
      LANG: 'C.UTF-8',
      npm_config_prefix: join(home, '.npm-global'),
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    };
    // What `npm pack` in a clone makes: the tarball the README's install line names.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, env, timeoutMs: CHILD_TIMEOUT_MS });
    expect(packed.code, packed.stderr).toBe(0);

    const files = { step: join(dir, 'step'), failures: join(dir, 'failures'), times: join(dir, 'times') };
    writeFileSync(files.failures, '');
    writeFileSync(files.times, '');
    const { script, steps } = readmeScript(blocks, files, keepGoing);
    writeFileSync(join(dir, 'readme.sh'), script);
    const ran = await run('bash', ['--noprofile', '--norc', join(dir, 'readme.sh')], { cwd: work, env, timeoutMs: CHILD_TIMEOUT_MS * 1.8 });
    const reached = Number(readFileSync(files.step, 'utf8').trim());
    const failures = readFileSync(files.failures, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ').map(Number) as [number, number]);
    // Stopped without a recorded failure: an unset variable (-u), or killed for taking too long.
    if (ran.code === null || (failures.length === 0 && (ran.code !== 0 || reached < steps.length))) failures.push([reached, ran.code ?? -1]);
    const report = failures.map(([step, code]) => {
      const command = steps[step];
      return [
        `README.md:${command?.line}: ${command?.text}`,
        `exit code ${code === -1 ? 'none (killed: took too long)' : code}`,
        `--- stderr (last lines) ---\n${tail(stepOutput(ran.stderr, step), 15)}`,
        `--- stdout (last lines) ---\n${tail(stepOutput(ran.stdout, step), 5)}`,
      ].join('\n');
    });
    // The slowest commands, to keep the whole run well under a minute.
    const marks = readFileSync(files.times, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ').map(Number) as [number, number]);
    const slow = marks
      .slice(0, -1)
      .map(([step, at], k) => ({ step, seconds: (marks[k + 1]?.[1] ?? at) - at }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 3)
      .map(({ step, seconds }) => `${seconds.toFixed(1)} s README.md:${steps[step]?.line}`);
    console.log(`README: ${steps.length} commands in ${((marks.at(-1)?.[1] ?? 0) - (marks[0]?.[1] ?? 0)).toFixed(1)} s; slowest: ${slow.join(', ')}`);
    if (report.length > 0) throw new Error(`${failures.length} of ${steps.length} README commands failed:\n\n${report.join('\n\n')}`);
    expect(steps.length).toBeGreaterThan(0);
  });
});
