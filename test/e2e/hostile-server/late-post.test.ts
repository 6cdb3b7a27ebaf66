/**
 * A create whose request may have reached the server is never resent blindly: hookctl looks for the
 * hook for a settle period, reports it as created when it shows up, and otherwise ends with exit 6
 * "outcome unknown". The same holds for an HTML page answering the create, and Ctrl-C says whether
 * the create request had been sent. Run `npm run build` first.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { codeartsStore, HOOKS_PATH, type Loopback, lines, runMeasured, startServer, TARGET } from './loopback.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const url = 'https://ci.example.com/h';
const create = ['hooks', 'create', TARGET, '--url', url, '--name', 'ci', '-o', 'json'];

/** Resolves when every held request has been processed, so the final count includes late work. */
function tracker() {
  let pending = 0;
  let wake: (() => void) | undefined;
  return {
    hold(ms: number, work: () => void) {
      pending++;
      setTimeout(() => {
        work();
        pending--;
        if (pending === 0) wake?.();
      }, ms);
    },
    idle: () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve))),
  };
}

describe('a create that may have reached the server', () => {
  it('answered only after the client timed out (and carried out then): exactly one hook, reported as created', async () => {
    const store = codeartsStore();
    const late = tracker();
    server = await startServer((req, res, body) => {
      if (req.method === 'POST' && req.url?.startsWith(HOOKS_PATH)) {
        // The server works on it for 2.5 s: long after the client's 1 s deadline.
        late.hold(2500, () => {
          const hook = store.add(body);
          if (!res.destroyed) store.send(res, 201, hook);
        });
        return;
      }
      store.handle(req, res, body);
    });
    const out = await runMeasured([...create, '--timeout', '1000'], server.url);
    await late.idle();
    expect(out.code, out.stderr).toBe(0);
    expect(store.hooks).toHaveLength(1);
    expect(server.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ target: TARGET, id: '1', url });
    expect(out.stderr).toMatch(
      /^note: CodeArts Repo: the create request failed \(.*timed out.*\), but hook 1 with this URL now exists: reporting it as created$/m,
    );
    expect(out.ms).toBeLessThan(15_000);
  });

  it('never carried out: exit 6 "outcome unknown" with a hint to re-run with --if-not-exists; one POST only', async () => {
    const store = codeartsStore();
    server = await startServer((req, res, body) => {
      if (req.method === 'POST') return void setTimeout(() => res.destroy(), 1500);
      store.handle(req, res, body);
    });
    const out = await runMeasured([...create, '--timeout', '1000'], server.url);
    expect(out.code, out.stderr).toBe(6);
    const [error, hint] = lines(out.stderr);
    expect(error).toMatch(
      /^\{"error":\{"code":"network","message":"outcome unknown: the create request failed \(.*timed out.*\) after it may have reached the server, and no hook with this URL appeared within 6 s"/,
    );
    expect(error).toContain('--if-not-exists');
    expect(hint).toBeUndefined();
    expect(store.hooks).toHaveLength(0);
    expect(server.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(server.requests.filter((r) => r.startsWith('GET')).length).toBeGreaterThanOrEqual(3);
    expect(out.ms).toBeLessThan(15_000);
  });

  it('an HTML page answering the create goes through the same check: exit 6, outcome unknown, one POST', async () => {
    const store = codeartsStore();
    server = await startServer((req, res, body) => {
      if (req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>Please log in to the corporate proxy</body></html>');
        return;
      }
      store.handle(req, res, body);
    });
    const out = await runMeasured(create.slice(0, -2), server.url);
    expect(out.code, out.stderr).toBe(6);
    expect(lines(out.stderr)[0]).toBe(
      'error: outcome unknown: the create request failed (an unreadable HTTP 200 answer) after it may have reached the server, and no hook with this URL appeared within 6 s',
    );
    expect(lines(out.stderr)[1]).toBe(
      `hint: run \`hookctl hooks list ${TARGET}\` to see, or re-run the create with --if-not-exists, which creates the hook only if it is missing`,
    );
    expect(server.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
  });

  it('a connection refused is resent (it provably never left), and a reset after sending is not', async () => {
    // Refused: a port nobody listens on. The HTTP client retries it; the error says so.
    const closed = await startServer(() => {});
    const deadUrl = closed.url;
    await closed.close();
    const refused = await runMeasured([...create, '--retries', '1'], deadUrl);
    expect(refused.code, refused.stderr).toBe(6);
    expect(refused.stderr).toMatch(/connection refused \(after 2 attempts\)/);

    const store = codeartsStore();
    server = await startServer((req, res, body) => {
      if (req.method === 'POST') return void res.destroy();
      store.handle(req, res, body);
    });
    const reset = await runMeasured(create, server.url);
    expect(reset.code, reset.stderr).toBe(6);
    expect(reset.stderr).toMatch(/outcome unknown: the create request failed \(.*connection closed before the response arrived\)/);
    expect(server.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
  });
});

describe('Ctrl-C during a create', () => {
  it('after the create request was sent: exit 130, one line saying the outcome is unknown', async () => {
    const store = codeartsStore();
    let held: ServerResponse | undefined;
    let child: import('node:child_process').ChildProcess | undefined;
    server = await startServer((req, res, body) => {
      if (req.method === 'POST') {
        held = res;
        child?.kill('SIGINT');
        return;
      }
      store.handle(req, res, body);
    });
    const out = await runMeasured(create.slice(0, -2), server.url, { onSpawn: (c) => (child = c) });
    held?.destroy();
    expect(out.code, out.stderr).toBe(130);
    expect(lines(out.stderr)[0]).toBe(`error: interrupted: the create request to ${TARGET} was sent; whether the hook was created is unknown`);
    expect(lines(out.stderr)[1]).toBe(`hint: run \`hookctl hooks list ${TARGET}\` to see, or re-run the create with --if-not-exists`);
  });

  it('before the create request was sent (during --if-not-exists): exit 130, no hook was created', async () => {
    let child: import('node:child_process').ChildProcess | undefined;
    let held: ServerResponse | undefined;
    server = await startServer((_req, res) => {
      held = res;
      child?.kill('SIGINT');
    });
    const out = await runMeasured([...create.slice(0, -2), '--if-not-exists'], server.url, { onSpawn: (c) => (child = c) });
    held?.destroy();
    expect(out.code, out.stderr).toBe(130);
    expect(lines(out.stderr)).toEqual([`error: interrupted before the create request to ${TARGET} was sent: no hook was created`]);
    expect(server.requests).toEqual([`GET ${HOOKS_PATH}`]);
  });
});
