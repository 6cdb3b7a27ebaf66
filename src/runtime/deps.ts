import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Transport } from '../http/types.js';
import type { ProviderId } from '../model/target.js';
import type { OutStream } from '../output/io.js';
import type { Provider } from '../providers/types.js';

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
  /**
   * When set, replaces the registry's adapters (an in-memory provider for command tests). The hook
   * service wraps it exactly as it wraps a real adapter.
   */
  provider?: ((id: ProviderId) => Provider | Promise<Provider>) | undefined;
  /** hookctl's own cache directory (`$XDG_CACHE_HOME/hookctl`, else `~/.cache/hookctl`): IAM tokens. */
  cacheDir: string;
  /** A file's text, or undefined when it does not exist. */
  readFile(path: string, options?: PrivateFileOptions): Promise<string | undefined>;
  /** Replaces a file with owner-only permissions (file 0600, new directories 0700): it may hold tokens. */
  writeFile(path: string, text: string, options?: PrivateFileOptions): Promise<void>;
  /** A file's permission bits (mode & 0o777); undefined on Windows, where they do not say who can read it. */
  statMode(path: string): Promise<number | undefined>;
  /** A file's owner uid; undefined on Windows. Config files owned by someone else are not read. */
  fileOwner(path: string): Promise<number | undefined>;
  /** The uid hookctl runs as; undefined on Windows. */
  uid: number | undefined;
  /** Whether a path exists (file or directory): the config search stops at the repository root (`.git`). */
  exists(path: string): Promise<boolean>;
  /** A host name's addresses (`audit --resolve`); absent: the system resolver (node:dns lookup, all addresses). */
  resolveHost?: ((hostname: string) => Promise<readonly string[]>) | undefined;
}

/** The system resolver, as `getaddrinfo` answers (hosts file included): every address of a name. */
export async function systemResolveHost(hostname: string): Promise<readonly string[]> {
  const { lookup } = await import('node:dns/promises');
  return (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
}

export function createProcessDeps(signal: AbortSignal): Deps {
  // One abort listener per request in flight: --concurrency allows up to 64, past Node's warning at 10.
  setMaxListeners(256, signal);
  // `hookctl hooks list … | head`: when the reader goes away, stop quietly like other Unix tools,
  // instead of dying on an unhandled EPIPE with a stack trace.
  // Any other failure to write (a full disk, a descriptor not open for writing) must not pass for
  // success with the output lost, nor crash with a stack trace: one line, exit 1.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (stream === process.stdout) {
        try {
          process.stderr.write(`error: cannot write to standard output: ${error.code ?? error.message}\n`);
        } catch {
          // stderr is gone too: the exit code is all that is left.
        }
      }
      process.exit(1);
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
    readFile: (path, options) => readTextFile(path, options),
    writeFile: (path, text, options) => writePrivateFile(path, text, options),
    statMode: (path) => fileMode(path),
    fileOwner: (path) => fileOwner(path),
    uid: process.getuid?.(),
    exists: (path) => pathExists(path),
    resolveHost: systemResolveHost,
  };
}

/** XDG base directory spec: a relative XDG_CACHE_HOME is invalid and ignored. */
export function cacheDirFrom(env: Record<string, string | undefined>, home: string): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg?.startsWith('/') ? xdg : join(home, '.cache'), 'hookctl');
}

/** `ownedOnly`: the rules of a file that holds a credential (the IAM token cache), see checkOwned. */
export interface PrivateFileOptions {
  ownedOnly?: boolean | undefined;
}

/** What a file's owner and kind look like; from lstat, so a symbolic link is seen as one. */
export interface PathInfo {
  uid: number;
  isSymbolicLink(): boolean;
  isDirectory(): boolean;
  isFile(): boolean;
}

/** The file-system calls behind readTextFile and writePrivateFile, injectable (a test can play another user). */
export interface PrivateFs {
  /** The current user's id; undefined on Windows, where files have no uid to compare. */
  uid(): number | undefined;
  lstat(path: string): Promise<PathInfo>;
  readFile(path: string, noFollow: boolean): Promise<string>;
  mkdir(path: string, mode: number): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  /** Creates the file (it must not exist yet) and writes it. */
  writeNew(path: string, text: string, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

export const nodeFs: PrivateFs = {
  uid: () => process.getuid?.(),
  lstat: async (path) => (await import('node:fs/promises')).lstat(path),
  readFile: async (path, noFollow) => {
    const { readFile } = await import('node:fs/promises');
    const { constants } = await import('node:fs');
    return readFile(path, { encoding: 'utf8', flag: noFollow ? constants.O_RDONLY | constants.O_NOFOLLOW : 'r' });
  },
  mkdir: async (path, mode) => {
    await (await import('node:fs/promises')).mkdir(path, { mode });
  },
  chmod: async (path, mode) => (await import('node:fs/promises')).chmod(path, mode),
  writeNew: async (path, text, mode) => (await import('node:fs/promises')).writeFile(path, text, { mode, flag: 'wx' }),
  rename: async (from, to) => (await import('node:fs/promises')).rename(from, to),
  remove: async (path) => (await import('node:fs/promises')).rm(path, { force: true }),
};

const errno = (error: unknown): string | undefined => (error as { code?: string }).code;

/**
 * A file's text, or undefined when it (or, with ownedOnly, its directory) does not exist.
 * With ownedOnly, the directory and the file must each be what checkOwned accepts, and the file is
 * opened without following a link, so a link swapped in after the check is refused too.
 */
export async function readTextFile(path: string, options: PrivateFileOptions = {}, fs: PrivateFs = nodeFs): Promise<string | undefined> {
  try {
    if (options.ownedOnly) {
      await checkOwned(dirname(path), 'directory', fs);
      await checkOwned(path, 'file', fs);
    }
    return await fs.readFile(path, options.ownedOnly === true);
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Written to a new temporary file first and renamed, so a concurrent reader never sees half a file;
 * on any failure the temporary file is removed. chmod after writing: the mode given to open() is
 * reduced by the umask, and an existing directory keeps whatever mode it had. Missing directories
 * are made one at a time (Node's recursive mkdir never returns under /proc). With ownedOnly, an
 * existing directory or file must be what checkOwned accepts.
 */
export async function writePrivateFile(path: string, text: string, options: PrivateFileOptions = {}, fs: PrivateFs = nodeFs): Promise<void> {
  const dir = dirname(path);
  await makeDirectory(dir, fs);
  if (options.ownedOnly) {
    await checkOwned(dir, 'directory', fs);
    try {
      await checkOwned(path, 'file', fs);
    } catch (error) {
      if (errno(error) !== 'ENOENT') throw error;
    }
  }
  await fs.chmod(dir, 0o700);
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await fs.writeNew(temp, text, 0o600);
    await fs.chmod(temp, 0o600);
    await fs.rename(temp, path);
  } catch (error) {
    await fs.remove(temp).catch(() => {});
    throw error;
  }
}

/** Refused, with the reason in one line: the caller decides whether that stops the run. */
export class UnsafePathError extends Error {
  override name = 'UnsafePathError';
}

/**
 * A directory or file that holds a credential must be the real thing, owned by the current user:
 * not a symbolic link (it could point anywhere, e.g. at a file another user reads), not owned by
 * someone else (they could read or swap the token). Only the cache's own directory and file are
 * checked, not their parents (a symlinked ~/.cache is common and harmless).
 */
export async function checkOwned(path: string, kind: 'directory' | 'file', fs: PrivateFs = nodeFs): Promise<void> {
  const info = await fs.lstat(path);
  if (info.isSymbolicLink()) throw new UnsafePathError(`${path} is a symbolic link`);
  if (kind === 'directory' ? !info.isDirectory() : !info.isFile()) throw new UnsafePathError(`${path} is not a ${kind === 'file' ? 'regular file' : kind}`);
  const uid = fs.uid();
  if (uid !== undefined && info.uid !== uid) throw new UnsafePathError(`${path} is owned by another user (uid ${info.uid}, you are ${uid})`);
}

/** mkdir -p, one level at a time, with mode 0700 for each directory it makes. */
async function makeDirectory(dir: string, fs: PrivateFs): Promise<void> {
  const missing: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    try {
      await fs.lstat(at);
      break;
    } catch (error) {
      if (errno(error) !== 'ENOENT' || dirname(at) === at) throw error;
      missing.unshift(at);
    }
  }
  for (const path of missing) {
    try {
      await fs.mkdir(path, 0o700);
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw error;
    }
  }
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
