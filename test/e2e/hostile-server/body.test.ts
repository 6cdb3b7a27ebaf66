/**
 * Response bodies are capped (default 32 MiB): a server that never stops sending, one that declares
 * a 2 GB body, a single page of a million hooks (refused as it streams, at the first hook past the
 * page size) and a page past the listing's byte budget each end with exit 1 and one error line, in
 * bounded memory and time, without a native crash. Run `npm run build` first.
 */
import { writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDir } from '../../helpers/cli.js';
import { HOOKS_PATH, type Loopback, lines, runMeasured, startServer, TARGET } from './loopback.js';

/** Generous: the CLI itself needs about 60–110 MB; today's code reached 13.8 GB. */
const MAX_RSS_MB = 200;
/** HOSTILE_SHOW=1 prints each run's figures. */
const show = (name: string, out: { code: number; peakRssMb: number | undefined; ms: number }) => {
  if (process.env.HOSTILE_SHOW) console.log(`${name}: exit ${out.code}, peak RSS ${out.peakRssMb?.toFixed(0)} MB, ${out.ms} ms`);
};

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Writes `next()` chunks as fast as the socket takes them until it returns undefined or the client leaves. */
function pump(res: ServerResponse, next: () => string | Buffer | undefined): void {
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const write = () => {
    while (!closed) {
      const chunk = next();
      if (chunk === undefined) {
        res.end();
        return;
      }
      if (!res.write(chunk)) {
        res.once('drain', write);
        return;
      }
    }
  };
  write();
}

const MiB = Buffer.alloc(1024 * 1024, 'x');

describe('response bodies are capped', () => {
  it('an endless chunked body: exit 1, one line naming the limit', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      pump(res, () => MiB);
    });
    const out = await runMeasured(['hooks', 'list', TARGET, '--retries', '0'], server.url, { killAfterMs: 60_000 });
    show('endless body', out);
    expect(out.code, out.stderr).toBe(1);
    expect(lines(out.stderr)[0]).toMatch(/^error: http:\/\/127\.0\.0\.1:\d+ answered HTTP 200 with a body over the 32 MiB response limit; stopped reading it$/);
    expect(lines(out.stderr)).toHaveLength(2); // the error and its hint
    expect(out.peakRssMb).toBeDefined();
    expect(out.peakRssMb).toBeLessThan(MAX_RSS_MB);
    expect(out.ms).toBeLessThan(20_000);
  });

  it('Content-Length: 2000000000 is refused before reading; --max-response-mib and the config key maxResponseMiB set the limit', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2000000000' });
      let sent = 0;
      pump(res, () => (sent++ < 1900 ? MiB : undefined));
    });
    const out = await runMeasured(['hooks', 'list', TARGET, '--retries', '0'], server.url, { killAfterMs: 60_000 });
    show('Content-Length 2000000000', out);
    expect(out.code, out.stderr).toBe(1);
    expect(out.stderr).toMatch(/answered HTTP 200 with a body over the 32 MiB response limit/);
    expect(out.stderr).not.toMatch(/FATAL|heap|at .*\.js:\d+/);
    expect(out.peakRssMb).toBeLessThan(MAX_RSS_MB);
    expect(out.ms).toBeLessThan(20_000);

    const small = await runMeasured(['hooks', 'list', TARGET, '--retries', '0', '--max-response-mib', '1'], server.url);
    expect(small.stderr).toMatch(/over the 1 MiB response limit/);
    const config = join(emptyDir(), 'hookctl.json');
    writeFileSync(config, JSON.stringify({ maxResponseMiB: 2 }));
    const configured = await runMeasured(['hooks', 'list', TARGET, '--retries', '0', '--config', config], server.url);
    expect(configured.stderr).toMatch(/over the 2 MiB response limit/);
    const bad = await runMeasured(['hooks', 'list', TARGET, '--max-response-mib', '0'], server.url);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-response-mib: must be a whole number of MiB from 1 to 1024 (got "0")');
  });

  it('a page of a million hooks is refused at its 101st hook, while it streams: exit 1, one line, the rest never read', async () => {
    let id = 0;
    server = await startServer((req, res) => {
      if (!req.url?.startsWith(HOOKS_PATH)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      pump(res, () => {
        if (id >= 1_000_000) return undefined;
        const batch: string[] = [];
        for (let i = 0; i < 1000; i++, id++) batch.push(`${id === 0 ? '[' : ','}{"id":${id},"url":"https://ci.example.com/hook/${id}","name":"hook-${id}"}`);
        if (id >= 1_000_000) batch.push(']');
        return batch.join('');
      });
    });
    const out = await runMeasured(['hooks', 'list', TARGET, '--retries', '0'], server.url, { killAfterMs: 60_000 });
    show('1e6 hooks page', out);
    expect(out.code, out.stderr).toBe(1);
    expect(lines(out.stderr)[0]).toBe('error: CodeArts Repo answered page 1 with more hooks than the 100 asked for: it does not honour the page size; stopped');
    expect(out.stdout).toBe('');
    // Read to the 32 MiB response limit, the server would have made about 470,000 hooks; stopped
    // at the 101st, only what the sockets buffered before the client left.
    expect(id).toBeLessThan(100_000);
    expect(out.peakRssMb).toBeLessThan(MAX_RSS_MB);
    expect(out.ms).toBeLessThan(20_000);
  });

  it('one page within the page size but past --max-listing-mib is cut at the listing budget while it streams', async () => {
    const bigName = 'n'.repeat(240 * 1024);
    let sent = 0;
    let finished = false;
    server = await startServer((req, res) => {
      if (!req.url?.startsWith(HOOKS_PATH)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      // 100 hooks (the page size) of 240 KiB each: a 24 MiB page, under the 32 MiB response limit.
      pump(res, () => {
        if (sent > 100) return undefined;
        if (sent === 100) {
          sent++;
          finished = true;
          return ']';
        }
        const text = `${sent === 0 ? '[' : ','}{"id":${sent},"url":"https://ci.example.com/hook/${sent}","name":"${bigName}"}`;
        sent++;
        return text;
      });
    });
    const out = await runMeasured(['hooks', 'list', TARGET, '--retries', '0', '--max-listing-mib', '1'], server.url, { killAfterMs: 60_000 });
    show('24 MiB page, 1 MiB listing budget', out);
    expect(out.code, out.stderr).toBe(1);
    expect(lines(out.stderr)[0]).toBe(
      'error: CodeArts Repo: the list of hooks: stopped at the bound "bytes per listing" (1 MiB; raise it with --max-listing-mib); the listing is incomplete',
    );
    // The page was not read to its end: past the 1 MiB budget only what the sockets buffered was sent.
    expect(finished).toBe(false);
    expect(sent).toBeLessThan(50);
    expect(out.peakRssMb).toBeLessThan(MAX_RSS_MB);
  });

  it('a 10 MB provider message is quoted cut to a readable length (about 300 characters)', async () => {
    server = await startServer((_req, res) => {
      const text = JSON.stringify({ error_code: 'CH.000001', error_msg: 'word '.repeat(2 * 1024 * 1024) });
      res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
    const out = await runMeasured(['hooks', 'list', TARGET, '--retries', '0'], server.url);
    show('10 MB provider message', out);
    expect(out.code, out.stderr).toBe(1);
    const [first] = lines(out.stderr);
    expect(first).toMatch(/^error: CodeArts Repo answered HTTP 400 CH\.000001: (word )+[word]*… \(\d+ more characters\)$/);
    expect(first?.length).toBeLessThan(700);
    expect(out.peakRssMb).toBeLessThan(MAX_RSS_MB);
    // A bulk run's per-target lines are cut the same way.
    const bulk = await runMeasured(['hooks', 'list', TARGET, 'codearts:78', '--retries', '0'], server.url);
    expect(bulk.code, bulk.stderr).toBe(5);
    const failed = lines(bulk.stderr).filter((line) => line.startsWith('failed: '));
    expect(failed).toHaveLength(2);
    for (const line of failed) expect(line.length).toBeLessThan(700);
  });
});
