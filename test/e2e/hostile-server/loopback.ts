/**
 * Small hostile CodeArts-shaped servers on 127.0.0.1:0 for the hostile-server suite, and a way to
 * run the real bin/hookctl.js while measuring its peak RSS (a preload reports
 * process.resourceUsage().maxRSS on exit; a native crash writes nothing, which the tests catch).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BIN, baseEnv, emptyDir } from '../../helpers/cli.js';

export const GROUP = '77';
export const TARGET = `codearts:${GROUP}`;
export const HOOKS_PATH = `/v4/groups/${GROUP}/hooks`;

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface Loopback {
  url: string;
  /** Requests seen, as "METHOD /path" (query left out). */
  requests: string[];
  close(): Promise<void>;
}

/** A server whose every request goes to `handler`, with the request body already read. */
export async function startServer(handler: Handler): Promise<Loopback> {
  const requests: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${(req.url ?? '').split('?')[0]}`);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface WireHook {
  id: number;
  url: string;
  name: string;
}

/** An honest in-memory CodeArts hook store: list, get, create, update, delete. */
export function codeartsStore() {
  const hooks: WireHook[] = [];
  let nextId = 1;
  const send = (res: ServerResponse, status: number, value: unknown) => {
    const text = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const add = (body: string): WireHook => {
    const params = JSON.parse(body) as { url: string; name: string };
    const hook = { id: nextId++, url: params.url, name: params.name };
    hooks.push(hook);
    return hook;
  };
  const handle: Handler = (req, res, body) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path === HOOKS_PATH && req.method === 'GET') return send(res, 200, hooks);
    if (path === HOOKS_PATH && req.method === 'POST') return send(res, 201, add(body));
    const id = Number(path.slice(HOOKS_PATH.length + 1));
    const index = hooks.findIndex((hook) => hook.id === id);
    if (!path.startsWith(`${HOOKS_PATH}/`) || index < 0) return send(res, 404, { error_code: 'CH.004404', error_msg: 'hook not found' });
    if (req.method === 'GET') return send(res, 200, hooks[index]);
    if (req.method === 'PUT') {
      const params = JSON.parse(body) as { url: string; name: string };
      hooks[index] = { id, url: params.url, name: params.name };
      return send(res, 200, hooks[index]);
    }
    if (req.method === 'DELETE') {
      hooks.splice(index, 1);
      res.writeHead(204).end();
      return;
    }
    send(res, 405, { error_code: 'X', error_msg: 'method not allowed' });
  };
  return { hooks, handle, add, send };
}

export interface MeasuredRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the hookctl process, MB; undefined when it died without exiting normally. */
  peakRssMb: number | undefined;
  ms: number;
}

const REPORTER = join(emptyDir(), 'report-rss.mjs');
writeFileSync(
  REPORTER,
  "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { if (process.env.RSS_REPORT_FILE) writeFileSync(process.env.RSS_REPORT_FILE, String(process.resourceUsage().maxRSS)); });\n",
);

/**
 * Runs bin/hookctl.js against `endpoint` with a CodeArts token, measuring peak RSS and wall time.
 * `onSpawn` gets the child (e.g. to send SIGINT). The child is killed after `killAfterMs`.
 */
export function runMeasured(
  argv: string[],
  endpoint: string,
  options: { killAfterMs?: number; onSpawn?: (child: import('node:child_process').ChildProcess) => void } = {},
): Promise<MeasuredRun> {
  const cwd = emptyDir();
  const rssFile = join(cwd, 'rss');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', REPORTER, BIN, ...argv], {
      cwd,
      env: baseEnv({
        HOME: cwd,
        XDG_CONFIG_HOME: join(cwd, '.config'),
        XDG_CACHE_HOME: join(cwd, '.cache'),
        HOOKCTL_ENDPOINT: endpoint,
        HUAWEICLOUD_TOKEN: 'hostile-test-token',
        RSS_REPORT_FILE: rssFile,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      // Keep the test process small too: only the start of a huge output matters.
      if (stdout.length < 100_000) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 100_000) stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let peakRssMb: number | undefined;
      try {
        peakRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
      } catch {
        peakRssMb = undefined;
      }
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, peakRssMb, ms: Date.now() - started });
    });
    options.onSpawn?.(child);
  });
}

/** The lines on stderr (no empty ones). */
export const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
