/**
 * Issue 11 acceptance, against the real bin/hookctl.js: `listen` per provider (right token 200,
 * wrong one 401, Ctrl-C → 130 with a count), `--forward-to` keeping every header, `hooks test`
 * against a listener and against a 500, `hooks deliveries` after simulated events, and the demo.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import type { ProviderId } from '../../src/model/target.js';
import { sampleDelivery } from '../../src/providers/deliveries.js';
import { BIN, baseEnv, emptyDir, runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const SECRET = 'listen-secret-7f3a9';
const emu = useEmulator();
let env: Record<string, string>;
beforeAll(() => {
  env = emulatorEnv(emu.url);
});

interface Listener {
  url: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Ctrl-C, then the exit code. */
  stop(): Promise<number | null>;
}

const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const server of servers.splice(0)) server.close();
});

function listen(args: string[], extra: Record<string, string> = {}): Promise<Listener> {
  const cwd = emptyDir();
  const child = spawn(process.execPath, [BIN, 'listen', '--port', '0', ...args], {
    cwd,
    env: baseEnv({ HOME: cwd, XDG_CONFIG_HOME: join(cwd, '.config'), XDG_CACHE_HOME: join(cwd, '.cache'), S: SECRET, OLD: 'old-secret-1', ...extra }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`listen exited ${code}: ${err}`)));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const url = /receiving deliveries at (http:\/\/[^\s]+) /.exec(err)?.[1];
      if (url)
        resolve({
          url,
          child,
          stdout: () => out,
          stderr: () => err,
          stop: () =>
            new Promise((done) => {
              child.removeAllListeners('exit');
              child.on('exit', (code) => setTimeout(() => done(code), 50));
              child.kill('SIGINT');
            }),
        });
    });
  });
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const { request } = await import('undici');
  const response = await request(url, { method: 'POST', headers, body });
  return { status: response.statusCode, text: await response.body.text() };
}

/** A POST of `body` without any token; its status, or `closed` when the connection ended under the upload. */
function bigPost(url: string, body: Buffer): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const req = httpRequest(`${url}/h`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-codeup-event': 'Push Hook' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('closed'));
    req.end(body);
  });
}

/** The largest resident set a process has had (Linux: VmHWM in /proc/<pid>/status), in bytes. */
function peakRssBytes(pid: number): number {
  const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) * 1024;
}

const sample = (provider: ProviderId, secret: string | undefined, style?: 'github' | 'gitlab') =>
  sampleDelivery({ provider, event: 'push', secret, style, repository: 'acme/web', time: '2026-01-02T03:04:05Z', uuid: 'u-1' });

describe('hookctl listen', () => {
  const cases: { provider: ProviderId; style?: 'github' | 'gitlab' }[] = [
    { provider: 'codeup' },
    { provider: 'codearts' },
    { provider: 'servicestage', style: 'github' },
    { provider: 'servicestage', style: 'gitlab' },
  ];
  for (const c of cases) {
    it(`${c.provider}${c.style ? ` (${c.style})` : ''}: the right token is accepted, a wrong one gets 401; Ctrl-C exits 130 with the count`, async () => {
      const l = await listen(['--provider', c.provider, '--secret-env', 'OLD', '--secret-env', 'S']);
      const good = sample(c.provider, SECRET, c.style);
      expect((await post(l.url, good.headers, good.body)).status).toBe(200);
      const bad = sample(c.provider, 'not-the-secret', c.style);
      expect(await post(l.url, bad.headers, bad.body)).toEqual({ status: 401, text: '{"error":"token mismatch"}' });
      const code = await l.stop();
      expect(code).toBe(130);
      const lines = l.stdout().trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(new RegExp(`^\\S+ ${c.provider} push acme/web refs/heads/main 9f2c1d7e,1a2b3c4d verified$`));
      expect(lines[1]).toMatch(/refused \(bad-token\) 401$/);
      expect(l.stderr()).toMatch(/stopped after 2 deliveries/);
      expect(l.stdout() + l.stderr()).not.toContain(SECRET);
    });
  }

  it('--json prints one JSON object per delivery', async () => {
    const l = await listen(['--secret-env', 'S', '--json']);
    const d = sample('codeup', SECRET);
    await post(l.url, d.headers, d.body);
    await l.stop();
    expect(JSON.parse(l.stdout().trim())).toMatchObject({
      provider: 'codeup',
      event: 'push',
      repository: 'acme/web',
      verdict: 'verified',
      status: 200,
      commits: ['9f2c1d7e', '1a2b3c4d'],
    });
  });

  it('--forward-to relays the delivery (the token header dropped unless --forward-header keeps it) and prints the downstream status', async () => {
    let seen: { headers: IncomingHttpHeaders; body: string } | undefined;
    const downstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { headers: req.headers, body };
        res.writeHead(202, { 'content-type': 'text/plain' }).end('queued');
      });
    });
    servers.push(downstream);
    await new Promise<void>((r) => downstream.listen(0, '127.0.0.1', r));
    const port = (downstream.address() as { port: number }).port;
    const target = `http://127.0.0.1:${port}/in`;
    const l = await listen(['--provider', 'codeup', '--secret-env', 'S', '--forward-to', target]);
    const d = sample('codeup', SECRET);
    const headers = { ...d.headers, 'X-Trace-Id': 'trace-42', 'User-Agent': 'codeup-webhook', Cookie: 'session=1' };
    expect(await post(l.url, headers, d.body)).toEqual({ status: 202, text: 'queued' });
    await l.stop();
    const kept = Object.entries(headers).filter(([name]) => !['x-codeup-token', 'cookie'].includes(name.toLowerCase()));
    for (const [name, value] of kept) expect(seen?.headers[name.toLowerCase()]).toBe(value);
    expect(seen?.headers).not.toHaveProperty('x-codeup-token');
    expect(seen?.headers).not.toHaveProperty('cookie');
    expect(seen?.body).toBe(d.body);
    expect(l.stdout()).toMatch(/verified → forwarded: 202$/m);
    expect(l.stderr()).not.toMatch(/warning/);

    const keeping = await listen(['--provider', 'codeup', '--secret-env', 'S', '--forward-to', target, '--forward-header', 'X-Codeup-Token']);
    expect((await post(keeping.url, headers, d.body)).status).toBe(202);
    await keeping.stop();
    expect(seen?.headers['x-codeup-token']).toBe(SECRET);
  });

  it('40 unauthenticated 24 MiB POSTs at once are refused before their bodies are read: the listener stays under 200 MB', async () => {
    const l = await listen(['--provider', 'codeup', '--secret-env', 'S']);
    const body = Buffer.alloc(24 * 1024 * 1024, 'a');
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => bigPost(l.url, body)));
    const peak = peakRssBytes(l.child.pid ?? 0);
    await l.stop();
    // 401 (no token), 503 (over --max-concurrent), or the socket closed under the upload after either.
    expect(outcomes.every((o) => o === 401 || o === 503 || o === 'closed')).toBe(true);
    expect(outcomes.filter((o) => o === 401).length).toBeGreaterThan(0);
    expect(peak).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('hooks test', () => {
  it('against listen: 2xx, exit 0; the secret Codeup v3 returns is used; private URLs need --allow-private', async () => {
    const l = await listen(['--provider', 'codeup', '--secret-env', 'S']);
    const created = await runBin(['hooks', 'create', 'codeup:ORG/100', '--url', `${l.url}/hook`, '--secret-env', 'S', '--json'], {
      env: { ...env, S: SECRET },
    });
    expect(created.code).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: string }).id;
    const refused = await runBin(['hooks', 'test', 'codeup:ORG/100', id], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/points at loopback .*--allow-private/);
    const sent = await runBin(['hooks', 'test', 'codeup:ORG/100', id, '--allow-private', '--event', 'tag_push'], { env });
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/✓ HTTP 200 in \d+ ms/);
    await l.stop();
    expect(l.stdout()).toMatch(/ codeup tag_push demo\/app refs\/tags\/v1\.0\.0 9f2c1d7e verified$/m);
    expect(sent.stdout + sent.stderr).not.toContain(SECRET);
  });

  it('against a receiver answering 500: exit 1 with the status and the first lines of the answer', async () => {
    const failing = createServer((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('boom\nline 2\n'));
    servers.push(failing);
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
    const port = (failing.address() as { port: number }).port;
    const created = await runBin(['hooks', 'create', 'codearts:77', '--name', 'ci', '--url', `http://127.0.0.1:${port}/h`, '--json'], { env });
    const id = (JSON.parse(created.stdout) as { id: string }).id;
    const sent = await runBin(['hooks', 'test', 'codearts:77', id, '--allow-private', '--secret-env', 'S'], { env: { ...env, S: SECRET } });
    expect(sent.code).toBe(1);
    expect(sent.stdout).toMatch(/✗ HTTP 500 in \d+ ms\n {2}boom\n {2}line 2/);
  });
});

describe('hookctl demo', () => {
  it('shows a verified delivery arriving', async () => {
    const demo = await runBin(['demo']);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/codeup push demo-org\/app refs\/heads\/main 9f2c1d7e,1a2b3c4d verified/);
    expect(demo.stderr).toMatch(/1 delivery received and verified/);
  });
});

describe('hooks deliveries', () => {
  const event = (target: string, name: string) =>
    post(`${emu.url}/_emulator/events`, { 'content-type': 'application/json' }, JSON.stringify({ target, event: name }));

  it("CodeArts: lists the emulator's delivery logs after simulated events; --failed, --show; Codeup: LastTestResult; ServiceStage: exit 2", async () => {
    const l = await listen(['--secret-env', 'S']);
    const failing = createServer((_req, res) => res.writeHead(500).end('down'));
    servers.push(failing);
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
    const failingUrl = `http://127.0.0.1:${(failing.address() as { port: number }).port}/h`;
    const create = (target: string, url: string, extra: string[] = []) =>
      runBin(['hooks', 'create', target, '--url', url, '--secret-env', 'S', '--json', ...extra], { env: { ...env, S: SECRET } }).then(
        (r) => (JSON.parse(r.stdout) as { id: string }).id,
      );
    const good = await create('codearts:77', `${l.url}/h`, ['--name', 'ok']);
    const bad = await create('codearts:77', failingUrl, ['--name', 'bad']);
    await event('codearts:77', 'push');
    await event('codearts:77', 'push');

    const listed = await runBin(['hooks', 'deliveries', 'codearts:77', good, '--json'], { env });
    expect(listed.code).toBe(0);
    const records = JSON.parse(listed.stdout) as { id: string; status: string; ok: boolean; trigger: string }[];
    expect(records).toHaveLength(2);
    expect(records.every((r) => r.status === '200' && r.ok && r.trigger === 'push')).toBe(true);
    const failed = await runBin(['hooks', 'deliveries', 'codearts:77', bad, '--failed', '--since', '1h'], { env });
    expect(failed.code).toBe(0);
    // Piped like every table: tab-separated, no header, the time as ISO 8601 with an offset.
    expect(failed.stdout.trim().split('\n')).toHaveLength(2);
    expect(failed.stdout).toMatch(/^\d+\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d\t500\t/m);
    const shown = await runBin(['hooks', 'deliveries', 'codearts:77', good, '--show', records[0]?.id ?? '', '--json'], { env });
    expect(shown.code).toBe(0);
    const detail = JSON.parse(shown.stdout) as { requestHeaders: Record<string, string>; requestBody: { object_kind: string } };
    expect(detail.requestHeaders['X-Repo-Token']).toBe('******');
    expect(detail.requestBody.object_kind).toBe('push');
    expect(shown.stdout + listed.stdout).not.toContain(SECRET);

    // Repository hooks: the same log API under /v4/repositories/{id}/hooks.
    const repoHook = await create('codearts:repo/5', `${l.url}/h`, ['--name', 'repo']);
    await event('codearts:repo/5', 'push');
    const repoLogs = await runBin(['hooks', 'deliveries', 'codearts:repo/5', repoHook, '--json'], { env });
    expect(repoLogs.code).toBe(0);
    expect(JSON.parse(repoLogs.stdout)).toEqual([expect.objectContaining({ status: '200', ok: true, trigger: 'push' })]);

    const codeup = await create('codeup:ORG/100', failingUrl);
    await event('codeup:ORG/100', 'push');
    const last = await runBin(['hooks', 'deliveries', 'codeup:ORG/100', codeup], { env });
    expect(last.code).toBe(0);
    expect(last.stdout).toMatch(/^last result: error \(Codeup .*LastTestResult\)$/m);

    const ss = await runBin(['hooks', 'deliveries', 'servicestage:0123456789abcdef0123456789abcdef/ns/repo', '30001'], { env });
    expect(ss.code).toBe(2);
    expect(ss.stderr).toMatch(/ServiceStage/);
    await l.stop();
  });
});
