/**
 * The real bin/hookctl.js in a pseudo-terminal, through util-linux `script` (Debian's bsdutils,
 * .ci/run installs it when absent): stdin, stdout and stderr of hookctl are the terminal, as a
 * person has them. The test types keys and reads the screen (everything hookctl drew, control
 * sequences included). No npm package and no native build: `script` is on every Debian machine.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { BIN, baseEnv, emptyDir } from './cli.js';
import { CHILD_TIMEOUT_MS } from './timeouts.js';

export interface PtyRun {
  /** Everything drawn so far. */
  readonly screen: string;
  /** Resolves when `pattern` is on the screen; rejects, showing the screen, when hookctl exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<void>;
  /** Keys, as the terminal sends them: `\r` is Enter, `\x03` Ctrl-C, ` ` space. */
  type(keys: string): void;
  /** hookctl's exit code (script -e passes it on). */
  exited: Promise<number>;
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/** Starts `hookctl argv` in a 100×30 terminal, with the same clean environment as runBin. */
export function runInPty(argv: string[], options: { env?: Record<string, string | undefined>; cwd?: string; color?: boolean } = {}): PtyRun {
  const cwd = options.cwd ?? emptyDir();
  // script has no size option: the shell it starts sets the terminal's size, then becomes hookctl.
  const command = `stty cols 100 rows 30; exec ${[process.execPath, BIN, ...argv].map(quote).join(' ')}`;
  const env = baseEnv({ HOME: cwd, XDG_CONFIG_HOME: join(cwd, '.config'), XDG_CACHE_HOME: join(cwd, '.cache'), TERM: 'xterm-256color', ...options.env });
  // runBin's environment turns colour off; `color: true` is a terminal as most people have it.
  if (options.color) delete env.NO_COLOR;
  const child: ChildProcessWithoutNullStreams = spawn('script', ['-qefc', command, '/dev/null'], {
    cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: string) => {
    screen += chunk;
    for (const check of waiters) check();
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  let closed = false;
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // A wait still open fails now, with the screen, rather than at its time limit.
      closed = true;
      for (const check of waiters) check();
      resolve(code ?? (signal ? 128 : 1));
    });
  });
  return {
    get screen() {
      return screen;
    },
    waitFor: (pattern, timeoutMs = CHILD_TIMEOUT_MS) =>
      new Promise<void>((resolve, reject) => {
        const found = () => (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen));
        const stop = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waited for ${String(pattern)}; the screen holds:\n${JSON.stringify(screen)}`));
        }, timeoutMs);
        const check = () => {
          if (found()) {
            clearTimeout(stop);
            waiters.delete(check);
            resolve();
          } else if (closed) {
            clearTimeout(stop);
            waiters.delete(check);
            reject(new Error(`hookctl exited before ${String(pattern)} appeared; the screen holds:\n${JSON.stringify(screen)}`));
          }
        };
        waiters.add(check);
        check();
      }),
    type: (keys) => {
      child.stdin.write(keys);
    },
    exited,
  };
}
