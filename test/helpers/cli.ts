/**
 * Two ways to run hookctl in tests:
 * - runMain: main(argv, deps) in process, with captured streams and an injected env. Fast; for
 *   parse and run tables.
 * - runBin: the real bin/hookctl.js as a subprocess (needs `npm run build`, which `npm test` does
 *   first). For end-to-end tests: exit codes, stdout and stderr exactly as a user sees them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import {
  type Deps,
  fileMode,
  fileOwner,
  type Prompter,
  pathExists,
  type Question,
  readTextFile,
  withFileLock,
  writePrivateFile,
} from '../../src/runtime/deps.js';
import { CHILD_TIMEOUT_MS } from './timeouts.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Pretend stdout/stderr/stdin are a terminal. */
  tty?: boolean;
  cwd?: string;
  /**
   * Answers to prompts, in order: text and secrets as typed, a multi-select as a comma-separated
   * list, a confirmation as y/yes (anything else is no). A question with no answer left fails the test.
   */
  answers?: string[];
  deps?: Partial<Deps>;
}

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/hookctl.js');

/** An empty directory, so config search finds no file unless the test writes one. */
export function emptyDir(): string {
  return mkdtempSync(join(tmpdir(), 'hookctl-test-'));
}

export async function runMain(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const answers = [...(options.answers ?? [])];
  const controller = new AbortController();
  const cwd = options.cwd ?? emptyDir();
  const deps: Deps = {
    env: { ...options.env },
    cwd,
    homeDir: cwd,
    stdout: {
      write: (s: string) => {
        stdout += s;
      },
      isTTY: options.tty ?? false,
      columns: 120,
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
      },
      isTTY: options.tty ?? false,
    },
    stdin: { isTTY: options.tty ?? false, readAll: async () => options.stdin ?? '' },
    prompts: scriptedPrompts(answers, (text) => {
      stderr += text;
    }),
    now: () => new Date(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: () => 0.5,
    nonce: () => crypto.randomUUID(),
    signal: controller.signal,
    // Real files, but under the test's own directory (its "home"), never the developer's.
    cacheDir: join(cwd, '.cache', 'hookctl'),
    readFile: readTextFile,
    writeFile: writePrivateFile,
    withFileLock: (path, fn) => withFileLock(path, fn),
    statMode: fileMode,
    fileOwner,
    uid: process.getuid?.(),
    exists: pathExists,
    ...options.deps,
  };
  const code = await main(argv, deps);
  return { code, stdout, stderr };
}

/** Environment for subprocesses: nothing from the developer's shell leaks in (no real credentials). */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export function runBin(
  argv: string[],
  options: { env?: Record<string, string | undefined>; stdin?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const cwd = options.cwd ?? emptyDir();
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd,
      env: baseEnv({ HOME: cwd, XDG_CONFIG_HOME: join(cwd, '.config'), XDG_CACHE_HOME: join(cwd, '.cache'), ...options.env }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * A Prompter that answers from a list and writes each question (and `[hidden]` for a secret) to
 * stderr. An answer the question's own validation refuses fails the test with the reason, as the
 * terminal would ask again.
 */
export function scriptedPrompts(answers: string[], write: (text: string) => void): Prompter {
  const next = (message: string): string => {
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`no answer left for the question "${message}"`);
    return answer;
  };
  const checked = <T>(q: Question<T>, value: T): T => {
    const verdict = q.validate?.(value) ?? true;
    if (verdict !== true) throw new Error(`answer refused at "${q.message}": ${verdict}`);
    return value;
  };
  return {
    text: async (q) => {
      write(`? ${q.message} `);
      const answer = next(q.message);
      write(`${answer}\n`);
      return checked(q, answer === '' && q.default !== undefined ? q.default : answer);
    },
    secret: async (q) => {
      write(`? ${q.message} [hidden]\n`);
      return checked(q, next(q.message));
    },
    choose: async (q) => {
      write(`? ${q.message} (${q.choices.map((c) => c.value).join(', ')}) `);
      const answer = next(q.message);
      write(`${answer}\n`);
      return checked(
        q,
        answer
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      );
    },
    confirm: async (q) => {
      write(`? ${q.message} [y/N] `);
      const answer = answers.shift() ?? '';
      write(`${answer}\n`);
      return /^y(es)?$/i.test(answer.trim());
    },
  };
}
