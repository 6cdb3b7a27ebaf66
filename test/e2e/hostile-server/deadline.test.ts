/**
 * One deadline per request covers connecting, the headers and the whole body: a server that drips
 * its answer one byte every 500 ms ends at --timeout with exit 6, instead of holding the run forever
 * (undici's own body timeout restarts on every byte). Run `npm run build` first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Loopback, lines, runMeasured, startServer, TARGET } from './loopback.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function drip(): Promise<Loopback> {
  return startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => res.write(' '), 500);
    res.on('close', () => clearInterval(timer));
  });
}

describe('an overall deadline per request', () => {
  it('a body dripping one byte every 500 ms ends at --timeout, exit 6, one line', async () => {
    server = await drip();
    const out = await runMeasured(['hooks', 'list', TARGET, '--timeout', '2000', '--retries', '0'], server.url, { killAfterMs: 20_000 });
    expect(out.code, out.stderr).toBe(6);
    expect(lines(out.stderr)[0]).toMatch(/^error: http:\/\/127\.0\.0\.1:\d+: timed out: no complete answer within 2000 ms$/);
    expect(out.ms).toBeGreaterThanOrEqual(2000);
    expect(out.ms).toBeLessThan(10_000);
  });

  it('each retry gets its own deadline, so the whole run stays bounded', async () => {
    server = await drip();
    const out = await runMeasured(['hooks', 'list', TARGET, '--timeout', '1000', '--retries', '1'], server.url, { killAfterMs: 20_000 });
    expect(out.code, out.stderr).toBe(6);
    expect(lines(out.stderr)[0]).toMatch(/timed out: no complete answer within 1000 ms \(after 2 attempts\)$/);
    expect(server.requests).toHaveLength(2);
    expect(out.ms).toBeLessThan(12_000);
  });
});
