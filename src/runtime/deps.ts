import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Transport } from '../http/types.js';
import type { ProviderId } from '../model/target.js';
import type { OutStream } from '../output/io.js';
import type { Provider } from '../providers/types.js';
import type { Prompter } from './prompter.js';

export type { Prompter, Question } from './prompter.js';

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
  /** Questions on the terminal (runtime/interactive.ts decides whether any may be asked). */
  prompts: Prompter;
  now(): Date;
  /** The user's IANA time zone (times are printed in it); absent: UTC. */
  timeZone?: string | undefined;
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
  /** Replaces a file atomically with owner-only permissions (file 0600, new directories 0700), see writePrivateFile. */
  writeFile(path: string, text: string, options?: PrivateFileOptions): Promise<void>;
  /** Runs `fn` holding the lock file beside `path` (a read-modify-write by concurrent runs), see withFileLock. */
  withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T>;
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
    prompts: terminalPrompts(signal),
    now: () => new Date(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    sleep: (ms, abort) => sleep(ms, abort),
    random: () => Math.random(),
    nonce: () => randomUUID(),
    signal,
    cacheDir: cacheDirFrom(process.env, homedir()),
    readFile: (path, options) => readTextFile(path, options),
    writeFile: (path, text, options) => writePrivateFile(path, text, options),
    withFileLock: (path, fn) => withFileLock(path, fn),
    statMode: (path) => fileMode(path),
    fileOwner: (path) => fileOwner(path),
    uid: process.getuid?.(),
    exists: (path) => pathExists(path),
    resolveHost: systemResolveHost,
  };
}

/** The prompt library (inquirer) loads on the first question only: start-up never pays for it. */
function terminalPrompts(signal: AbortSignal): Prompter {
  const load = () => import('./terminal-prompts.js').then((m) => m.createTerminalPrompter({ input: process.stdin, output: process.stderr, signal }));
  let prompter: Promise<Prompter> | undefined;
  const get = () => {
    prompter ??= load();
    return prompter;
  };
  return {
    text: async (q) => (await get()).text(q),
    secret: async (q) => (await get()).secret(q),
    choose: async (q) => (await get()).choose(q),
    confirm: async (q) => (await get()).confirm(q),
  };
}

/** XDG base directory spec: a relative XDG_CACHE_HOME is invalid and ignored. */
export function cacheDirFrom(env: Record<string, string | undefined>, home: string): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg?.startsWith('/') ? xdg : join(home, '.cache'), 'hookctl');
}

/**
 * `ownedOnly`: the rules of a file that holds a credential (the IAM token cache), see checkOwned.
 * `within`: a directory the written file must stay inside (see checkWithin).
 */
export interface PrivateFileOptions {
  ownedOnly?: boolean | undefined;
  within?: string | undefined;
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
  /** Creates the file (it must not exist yet, nor be a link), writes it with exactly `mode`, fsyncs it. */
  writeNew(path: string, text: string, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Milliseconds since the file was last modified. */
  ageMs(path: string): Promise<number>;
  /** Whether a process with this id runs on this machine (a lock's holder). */
  processAlive(pid: number): boolean;
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
  writeNew: async (path, text, mode) => {
    const { open } = await import('node:fs/promises');
    const { constants } = await import('node:fs');
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
    try {
      // The mode given to open() is reduced by the umask.
      await handle.chmod(mode);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: async (from, to) => (await import('node:fs/promises')).rename(from, to),
  remove: async (path) => (await import('node:fs/promises')).rm(path, { force: true }),
  ageMs: async (path) => Date.now() - (await (await import('node:fs/promises')).lstat(path)).mtimeMs,
  processAlive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      // EPERM: it runs, as another user.
      return errno(error) !== 'ESRCH';
    }
  },
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
 * Atomic and owner-only: the text goes to a new temporary file in the same directory (created with
 * O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600, fchmod'ed past the umask, fsync'ed) that is then renamed over
 * the path, so a reader never sees half a file and a failure leaves the old file and no temporary
 * behind. A symbolic link (or anything but a regular file) at the path is refused, never followed
 * nor replaced. Missing directories are made one at a time with mode 0700 (Node's recursive mkdir
 * never returns under /proc); an existing directory keeps its mode: hookctl changes no mode it
 * did not create (a shared 1777 directory keeps its sticky bit). With `within`, see checkWithin.
 * With ownedOnly, an existing directory or file must be what checkOwned accepts.
 * Node has no openat/renameat, so the checks and the rename are separate calls: someone who can
 * swap directories in the path while hookctl runs can still race them.
 */
export async function writePrivateFile(path: string, text: string, options: PrivateFileOptions = {}, fs: PrivateFs = nodeFs): Promise<void> {
  const dir = dirname(path);
  if (options.within !== undefined) await checkWithin(path, options.within, fs);
  await makeDirectory(dir, fs);
  if (options.ownedOnly) await checkOwned(dir, 'directory', fs);
  await checkReplaceable(path, options.ownedOnly === true, fs);
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await fs.writeNew(temp, text, 0o600);
    await fs.rename(temp, path);
  } catch (error) {
    await fs.remove(temp).catch(() => {});
    throw error;
  }
}

/** The file a write replaces: absent, or a regular file (with ownedOnly: one checkOwned accepts). */
async function checkReplaceable(path: string, ownedOnly: boolean, fs: PrivateFs): Promise<void> {
  let info: PathInfo;
  try {
    info = await fs.lstat(path);
  } catch (error) {
    if (errno(error) === 'ENOENT') return;
    throw error;
  }
  if (info.isSymbolicLink()) throw new UnsafePathError(`${path} is a symbolic link; hookctl does not write through one`);
  if (!info.isFile()) throw new UnsafePathError(`${path} is not a regular file`);
  if (ownedOnly) await checkOwned(path, 'file', fs);
}

/**
 * A file written inside `root` (the working directory: a repository someone else may have
 * filled) must land inside it: no directory between `root` and the file may be a symbolic link,
 * or a link committed to the repository could send the write anywhere on the machine. `root`
 * itself and what lies above it are the user's choice and may be links; a path outside `root`
 * (named outright) is not checked here. Refusing is simpler to explain than resolving the link
 * and comparing real paths, and a checkout has no reason to hold a linked output directory.
 */
export async function checkWithin(path: string, root: string, fs: PrivateFs = nodeFs): Promise<void> {
  const { relative, sep, join: joinPath } = await import('node:path');
  const rel = relative(root, dirname(path));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith(sep) || /^[a-zA-Z]:/.test(rel)) return;
  let at = root;
  for (const part of rel.split(sep)) {
    at = joinPath(at, part);
    try {
      if ((await fs.lstat(at)).isSymbolicLink())
        throw new UnsafePathError(`${at} is a symbolic link; hookctl writes inside the working directory only through real directories`);
    } catch (error) {
      // Missing from here down: makeDirectory creates real directories.
      if (errno(error) === 'ENOENT') return;
      throw error;
    }
  }
}

/** How long a lock may be waited for, and after how long an unrefreshed lock counts as abandoned. */
export const LOCK_WAIT_MS = 10_000;
export const LOCK_STALE_MS = 30_000;

/** The lock beside `path` could not be taken in time. */
export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

/**
 * Runs `fn` while holding `${path}.lock`, a file created with O_CREAT|O_EXCL|O_NOFOLLOW holding
 * the holder's pid: a read-modify-write of `path` by concurrent hookctl processes then keeps every
 * change. A lock whose holder process is gone (same machine) or that is older than LOCK_STALE_MS
 * is abandoned and removed; a live one is waited for, polling every 10–40 ms, at most `waitMs`,
 * then LockTimeoutError names the lock file. A hand-made lock rather than a library (e.g.
 * proper-lockfile): the holder keeps it for milliseconds, so mtime refreshes are not needed, and
 * it stays one small function with the same O_NOFOLLOW rules as every other file hookctl writes.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, options: { waitMs?: number } = {}, fs: PrivateFs = nodeFs): Promise<T> {
  const lock = `${path}.lock`;
  await makeDirectory(dirname(lock), fs);
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const started = Date.now();
  const mine = `${process.pid} ${randomUUID()}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeNew(lock, mine, 0o600);
      break;
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw error;
    }
    const holder = await lockHolder(lock, fs);
    if (holder.abandoned) {
      // Removed only if it is still the same lock (pid and nonce): another waiter may have broken
      // it and taken a new one meanwhile. Between this read and the remove a window of a few
      // microseconds remains (Node cannot remove a file only if it is the one read).
      if ((await fs.readFile(lock, true).catch(() => undefined)) === holder.text) await fs.remove(lock);
      continue;
    }
    if (Date.now() - started >= waitMs) {
      throw new LockTimeoutError(
        `${lock} is held${holder.pid === undefined ? '' : ` by process ${holder.pid}`} (waited ${Math.round(waitMs / 1000)} s); if no hookctl is running, remove that file`,
      );
    }
    await sleep(10 + Math.floor(Math.random() * 30) + Math.min(attempt, 10));
  }
  try {
    return await fn();
  } finally {
    await fs.remove(lock).catch(() => {});
  }
}

async function lockHolder(lock: string, fs: PrivateFs): Promise<{ pid: number | undefined; text: string; abandoned: boolean }> {
  let text: string;
  let ageMs: number;
  try {
    [text, ageMs] = await Promise.all([fs.readFile(lock, true), fs.ageMs(lock)]);
  } catch (error) {
    // Released between the create and this read: try again.
    if (errno(error) === 'ENOENT') return { pid: undefined, text: '', abandoned: false };
    throw error;
  }
  const match = /^(\d+) [0-9a-f-]+\n$/.exec(text);
  const pid = match ? Number(match[1]) : undefined;
  // An empty file is a holder between its create and its write, unless it stays that way.
  if (ageMs > LOCK_STALE_MS) return { pid, text, abandoned: true };
  return { pid, text, abandoned: pid !== undefined && !fs.processAlive(pid) };
}

/** A file error in one line for a message: hookctl's own refusals as they are, system errors by code. */
export function fileErrorReason(error: unknown): string {
  if (error instanceof UnsafePathError || error instanceof LockTimeoutError) return error.message;
  return errno(error) ?? (error instanceof Error ? error.message : String(error));
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

/** mkdir -p, one level at a time, with mode 0700 (past the umask) for each directory it makes, and only those. */
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
      // Made by someone else meanwhile: theirs, its mode stays.
      if (errno(error) !== 'EEXIST') throw error;
      continue;
    }
    await fs.chmod(path, 0o700);
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
