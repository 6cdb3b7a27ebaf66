/**
 * The attacker's setting: a checked-out repository (with `.git`) under a temporary home, real-looking
 * credentials in the environment, config files planted by the repository, and a loopback capture
 * server that records every connection, request and proxy CONNECT made to it. hookctl runs as the
 * real bin/hookctl.js in a subprocess (`npm run build` first).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RunResult, runBin } from '../../helpers/cli.js';

export interface Capture {
  url: string;
  /** TCP connections accepted (a TLS handshake attempt counts, even though it is no HTTP request). */
  connections: number;
  /** Every request received, `METHOD absolute-url`, and every proxy `CONNECT host:port`. */
  requests: string[];
  /** Headers of each request, lower-case names. */
  headers: IncomingMessage['headers'][];
  reset(): void;
  close(): Promise<void>;
}

export async function startCapture(): Promise<Capture> {
  const capture = {
    url: '',
    connections: 0,
    requests: [] as string[],
    headers: [] as IncomingMessage['headers'][],
    reset() {
      capture.connections = 0;
      capture.requests.length = 0;
      capture.headers.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    // Through the tunnel below a request line holds only the path: the Host header names the target.
    const url = req.url?.startsWith('/') ? `http://${req.headers.host}${req.url}` : req.url;
    capture.requests.push(`${req.method} ${url}`);
    capture.headers.push(req.headers);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  server.on('connection', () => {
    capture.connections += 1;
  });
  // As an HTTP proxy (HTTP_PROXY), undici tunnels with CONNECT: accept, and read the tunnelled
  // request with this same server, so nothing leaves the machine and every request is recorded.
  server.on('connect', (req, socket, head) => {
    capture.requests.push(`CONNECT ${req.url}`);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    server.emit('connection', socket);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  capture.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return capture;
}

/** One capture server per test file, reset before each test. */
export function useCapture(): Capture {
  let started: Capture | undefined;
  const get = () => {
    if (!started) throw new Error('useCapture: used outside a test');
    return started;
  };
  beforeAll(async () => {
    started = await startCapture();
  });
  afterAll(async () => started?.close());
  beforeEach(() => get().reset());
  return new Proxy({} as Capture, { get: (_target, key) => Reflect.get(get(), key) });
}

/** Credentials that look real: what a CI job has in its environment. */
export const CI_CREDENTIALS = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tRealLookingKeyId01',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'ak-secret-7d1f0c9e4b2a8f6d3c5e1a9b',
  CODEUP_TOKEN: 'pt-codeup-3f9a1c7e5d2b8a4f6c0e',
  HUAWEICLOUD_SDK_AK: 'HPUAREALLOOKINGAK0001',
  HUAWEICLOUD_SDK_SK: 'hw-sk-9c2e7a1f5b3d8c6e4a0f2b9d',
  SERVICESTAGE_REPO_AUTH: 'github-auth',
} as const;

/** An IAM user and password (hookctl logs in with them before the first Huawei request). */
export const CI_IAM_PASSWORD = {
  HOOKCTL_IAM_USER: 'ci-bot',
  HOOKCTL_IAM_PASSWORD: 'iam-password-5e8c2a9f1d7b3e6c',
  HOOKCTL_IAM_DOMAIN: 'acme',
} as const;

export interface World {
  root: string;
  home: string;
  /** The repository root (holds `.git`). */
  repo: string;
  /** A directory inside the repository, where the CI job runs. */
  sub: string;
  /** The user config directory ($XDG_CONFIG_HOME/hookctl). */
  userDir: string;
  /** Writes a file (parents created), owner-only unless a mode is given. Returns its path. */
  write(path: string, text: string, mode?: number): string;
  /** Runs hookctl from `cwd` (default: sub) with HOME etc. pointing into the world. */
  run(args: string[], options?: { cwd?: string; env?: Record<string, string | undefined> }): Promise<RunResult>;
  /** A marker path a planted script would create; `ran(name)` says whether it exists. */
  marker(name: string): string;
  ran(name: string): boolean;
}

export function makeWorld(options: { repoUnderHome?: boolean } = {}): World {
  const root = mkdtempSync(join(tmpdir(), 'hookctl-hostile-'));
  const home = join(root, 'home');
  const repo = options.repoUnderHome === false ? join(root, 'builds', 'repo') : join(home, 'src', 'repo');
  const sub = join(repo, 'deploy');
  const userDir = join(home, '.config', 'hookctl');
  for (const dir of [home, join(repo, '.git'), sub, join(root, 'markers')]) mkdirSync(dir, { recursive: true });
  const write = (path: string, text: string, mode = 0o600) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  };
  const marker = (name: string) => join(root, 'markers', name);
  return {
    root,
    home,
    repo,
    sub,
    userDir,
    write,
    marker,
    ran: (name) => existsSync(marker(name)),
    run: (args, run = {}) =>
      runBin(args, {
        cwd: run.cwd ?? sub,
        env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), ...run.env },
      }),
  };
}

/** stderr as lines, without the trailing newline. */
export const lines = (text: string): string[] => (text === '' ? [] : text.trimEnd().split('\n'));
