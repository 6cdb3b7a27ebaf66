import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
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
  nonce(): string;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  /** When set, replaces the undici transport (tests, or an in-process emulator for `demo`). */
  transport?: Transport | undefined;
}

export function createProcessDeps(signal: AbortSignal): Deps {
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
    nonce: () => randomUUID(),
    signal,
  };
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
