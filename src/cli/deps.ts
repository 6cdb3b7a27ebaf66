import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Transport } from '../http/types.js';
import type { OutStream } from '../output/io.js';

/**
 * Every effect the CLI has comes in through here: environment, streams, clock, network, files,
 * prompts. Tests build their own Deps; production builds them once from the process below. No
 * other module reads process.env, process.stdout or the clock.
 */
export interface Deps {
  env: Record<string, string | undefined>;
  cwd: string;
  homeDir: string;
  stdout: OutStream;
  stderr: OutStream;
  stdin: { isTTY: boolean; readAll(): Promise<string> };
  /** Asks one question on the terminal and returns the answer line. */
  prompt(question: string): Promise<string>;
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** In [0, 1): the jitter of retry backoff. */
  random(): number;
  nonce(): string;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  /** When set, replaces the undici transport (tests, or an in-process emulator for `demo`). */
  transport?: Transport | undefined;
  /** hookctl's own cache directory (`$XDG_CACHE_HOME/hookctl`, else `~/.cache/hookctl`): IAM tokens. */
  cacheDir: string;
  /** A file's text, or undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Replaces a file with owner-only permissions (file 0600, new directories 0700): it may hold tokens. */
  writeFile(path: string, text: string): Promise<void>;
  /** A file's permission bits (mode & 0o777); undefined on Windows, where they do not say who can read it. */
  statMode(path: string): Promise<number | undefined>;
  /** A file's owner uid; undefined on Windows. Config files owned by someone else are not read. */
  fileOwner(path: string): Promise<number | undefined>;
  /** The uid hookctl runs as; undefined on Windows. */
  uid: number | undefined;
  /** Whether a path exists (file or directory): the config search stops at the repository root (`.git`). */
  exists(path: string): Promise<boolean>;
}

export function createProcessDeps(signal: AbortSignal): Deps {
  // One abort listener per request in flight: --concurrency allows up to 64, past Node's warning at 10.
  setMaxListeners(256, signal);
  // `hookctl hooks list … | head`: when the reader goes away, stop quietly like other Unix tools,
  // instead of dying on an unhandled EPIPE with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    env: process.env,
    cwd: process.cwd(),
    homeDir: homedir(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: { isTTY: process.stdin.isTTY === true, readAll: () => readStream(process.stdin) },
    prompt: (question) => promptLine(question),
    now: () => new Date(),
    sleep: (ms, abort) => sleep(ms, abort),
    random: () => Math.random(),
    nonce: () => randomUUID(),
    signal,
    cacheDir: cacheDirFrom(process.env, homedir()),
    readFile: (path) => readTextFile(path),
    writeFile: (path, text) => writePrivateFile(path, text),
    statMode: (path) => fileMode(path),
    fileOwner: (path) => fileOwner(path),
    uid: process.getuid?.(),
    exists: (path) => pathExists(path),
  };
}

/** XDG base directory spec: a relative XDG_CACHE_HOME is invalid and ignored. */
export function cacheDirFrom(env: Record<string, string | undefined>, home: string): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg?.startsWith('/') ? xdg : join(home, '.cache'), 'hookctl');
}

export async function readTextFile(path: string): Promise<string | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Written to a temporary file first and renamed, so a concurrent reader never sees half a file.
 * chmod after writing: the mode given to open() is reduced by the umask, and an existing
 * directory keeps whatever mode it had.
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  const { chmod, mkdir, rename, writeFile } = await import('node:fs/promises');
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
}

export async function fileMode(path: string): Promise<number | undefined> {
  if (process.platform === 'win32') return undefined;
  const { stat } = await import('node:fs/promises');
  return (await stat(path)).mode & 0o777;
}

export async function fileOwner(path: string): Promise<number | undefined> {
  if (process.platform === 'win32') return undefined;
  const { stat } = await import('node:fs/promises');
  return (await stat(path)).uid;
}

export async function pathExists(path: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function promptLine(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
