/**
 * Every loop over provider answers has a bound (model/bounds.ts): the real bin against CodeArts-
 * shaped servers that send pages larger than asked, endless new pages, groups with 99 new
 * subgroups each, repeated or failing discovery pages, and ids that are no valid target. Each run
 * ends in seconds with the bound or the provider error named, exit 1 (one target) or 5 (a fleet),
 * in bounded memory. Run `npm run build` first.
 */
import { writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDir } from '../../helpers/cli.js';
import { HOOKS_PATH, type Loopback, lines, runMeasured, startServer, TARGET } from './loopback.js';

const MAX_RSS_MB = 200;
const PAGE = 100;
const PROJECT = 'a'.repeat(32);
const PROJECT_PATH = `/v4/projects/${PROJECT}/subgroups-and-repositories`;
const show = (name: string, out: { code: number; peakRssMb: number | undefined; ms: number }, requests: number) => {
  if (process.env.HOSTILE_SHOW) console.log(`${name}: exit ${out.code}, peak RSS ${out.peakRssMb?.toFixed(0)} MB, ${out.ms} ms, ${requests} requests`);
};

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function send(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const query = (url: string | undefined) => new URL(url ?? '/', 'http://x').searchParams;
const pathOf = (url: string | undefined) => (url ?? '').split('?')[0] ?? '';
const hook = (id: number) => ({ id, url: `https://ci.example.com/hook/${id}`, name: `hook-${id}` });
const repo = (id: number | string) => ({ id, descendant_type: 'project' });
const group = (id: number | string) => ({ id, descendant_type: 'group' });

describe('hook lists are bounded', () => {
  it('a page larger than asked is a provider error: exit 1 after one request, nothing printed', async () => {
    let next = 1;
    server = await startServer((_req, res) =>
      send(
        res,
        200,
        Array.from({ length: 1000 }, () => hook(next++)),
      ),
    );
    const out = await runMeasured(['hooks', 'list', TARGET, '--retries', '0'], server.url, { killAfterMs: 20_000 });
    show('oversized page', out, server.requests.length);
    expect(out.code, out.stderr).toBe(1);
    expect(lines(out.stderr)[0]).toBe('error: CodeArts Repo answered page 1 with more hooks than the 100 asked for: it does not honour the page size; stopped');
    expect(out.stdout).toBe('');
    expect(server.requests).toHaveLength(1);
    expect(out.peakRssMb).toBeLessThan(MAX_RSS_MB);
  });

  it('endless pages of new hooks stop at the hooks-per-target bound, which --max-hooks, --max-pages and the config key move', async () => {
    let next = 1;
    server = await startServer((req, res) => {
      if (pathOf(req.url) !== HOOKS_PATH) return send(res, 404, { error_code: 'CH.004404', error_msg: 'not found' });
      send(
        res,
        200,
        Array.from({ length: Number(query(req.url).get('limit')) }, () => hook(next++)),
      );
    });
    const out = await runMeasured(['hooks', 'list', TARGET, '--retries', '0'], server.url, { killAfterMs: 30_000 });
    show('endless new pages', out, server.requests.length);
    expect(out.code, out.stderr).toBe(1);
    expect(lines(out.stderr)).toEqual([
      `error: CodeArts Repo: the list of hooks: stopped at the bound "hooks per target" (1000 hooks; raise it with --max-hooks); the listing is incomplete`,
      'hint: if this is expected, raise it with --max-hooks <n> or the config key maxHooks',
    ]);
    expect(out.stdout).toBe('');
    expect(server.requests.length).toBe(1000 / PAGE + 1);
    expect(out.peakRssMb).toBeLessThan(MAX_RSS_MB);

    const before = server.requests.length;
    const raised = await runMeasured(['hooks', 'list', TARGET, '--max-hooks', '250'], server.url);
    expect(raised.stderr).toContain('stopped at the bound "hooks per target" (250 hooks;');
    expect(server.requests.length - before).toBe(3);
    const pages = await runMeasured(['hooks', 'list', TARGET, '--max-pages', '4'], server.url);
    expect(pages.code).toBe(1);
    expect(pages.stderr).toContain('stopped at the bound "pages per listing" (4 pages;');
    expect(pages.stderr).toContain('--max-pages');
    const config = join(emptyDir(), 'hookctl.json');
    writeFileSync(config, JSON.stringify({ maxHooks: 120 }));
    const configured = await runMeasured(['hooks', 'list', TARGET, '--config', config], server.url);
    expect(configured.stderr).toContain('stopped at the bound "hooks per target" (120 hooks;');
    const bytes = await runMeasured(['hooks', 'list', TARGET, '--max-listing-mib', '1', '--max-hooks', '1000000', '--max-pages', '100000'], server.url, {
      killAfterMs: 30_000,
    });
    expect(bytes.code).toBe(1);
    expect(bytes.stderr).toContain('stopped at the bound "bytes per listing" (1 MiB;');
    const bad = await runMeasured(['hooks', 'list', TARGET, '--max-hooks', '0'], server.url);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-hooks: must be a whole number from 1 to 10000000 (got "0")');
  });

  it('in a fleet, a target stopped at a bound is a failed target (exit 5), never listed as complete', async () => {
    let next = 1;
    server = await startServer((req, res) => {
      if (pathOf(req.url) === HOOKS_PATH)
        return send(
          res,
          200,
          Array.from({ length: PAGE }, () => hook(next++)),
        );
      send(res, 200, [hook(1)]);
    });
    const out = await runMeasured(['hooks', 'list', TARGET, 'codearts:78', '--max-hooks', '300'], server.url);
    expect(out.code, out.stderr).toBe(5);
    expect(out.stderr).toMatch(
      /failed: codearts:77: CodeArts Repo: the list of hooks: stopped at the bound "hooks per target" \(300 hooks; raise it with --max-hooks\)/,
    );
    expect(out.stdout.trim().split('\n')).toEqual(['codearts:78\t1\thttps://ci.example.com/hook/1\t\thook-1\t\tnone']);
    expect(out.stderr).toContain('1 of 2 targets failed');
  });
});

describe('discovery is bounded', () => {
  it('a group tree where every group has 99 new subgroups stops at --max-groups (default 1000), memory flat', async () => {
    let next = 1000;
    server = await startServer((req, res) => {
      const path = pathOf(req.url);
      if (!path.endsWith('/subgroups-and-repositories')) return send(res, 200, []);
      if (query(req.url).get('offset') !== '0') return send(res, 200, []);
      send(
        res,
        200,
        Array.from({ length: 99 }, () => group(next++)),
      );
    });
    const out = await runMeasured(['hooks', 'list', `codearts:project/${PROJECT}/repos`, '--retries', '0'], server.url, { killAfterMs: 30_000 });
    show('99 subgroups per group', out, server.requests.length);
    expect(out.code, out.stderr).toBe(5);
    expect(out.stderr).toContain(
      `failed: codearts:project/${PROJECT}/repos: CodeArts Repo: the discovery of codearts:project/${PROJECT}/repos: stopped at the bound "groups visited" (1000 groups;`,
    );
    expect(out.stderr).toMatch(/the discovery of 1 pattern stopped early, so targets may be missing/);
    expect(server.requests.length).toBeLessThan(200);
    expect(out.peakRssMb).toBeLessThan(MAX_RSS_MB);
    expect(out.ms).toBeLessThan(20_000);
    const small = await runMeasured(['hooks', 'list', `codearts:project/${PROJECT}/repos`, '--max-groups', '50'], server.url);
    expect(small.stderr).toContain('stopped at the bound "groups visited" (50 groups;');
  });

  it('a chain of nested groups stops at --max-discovery-depth', async () => {
    let next = 1000;
    server = await startServer((req, res) => {
      if (!pathOf(req.url).endsWith('/subgroups-and-repositories') || query(req.url).get('offset') !== '0') return send(res, 200, []);
      send(res, 200, [repo(next++), group(next++)]);
    });
    const out = await runMeasured(['hooks', 'list', `codearts:project/${PROJECT}/repos`, '--max-discovery-depth', '5'], server.url);
    expect(out.code, out.stderr).toBe(5);
    expect(out.stderr).toContain('stopped at the bound "discovery depth" (5 levels of groups;');
    expect(out.stderr).toContain('--max-discovery-depth');
    // The repositories found down to depth 5 were listed.
    expect(out.stderr).toContain('the hooks of 6 targets were listed');
  });

  it('repositories stop at --max-repositories', async () => {
    let next = 1;
    server = await startServer((req, res) => {
      if (pathOf(req.url) === PROJECT_PATH)
        return send(
          res,
          200,
          Array.from({ length: PAGE }, () => repo(next++)),
        );
      send(res, 200, []);
    });
    const out = await runMeasured(['hooks', 'list', `codearts:project/${PROJECT}/repos`, '--max-repositories', '250'], server.url);
    expect(out.code, out.stderr).toBe(5);
    expect(out.stderr).toContain('stopped at the bound "repositories discovered" (250 repositories;');
    expect(out.stderr).toContain('the hooks of 250 targets were listed');
  });

  it('a repeated discovery page is a provider error: exit 5, the pattern named, not a silent end', async () => {
    server = await startServer((req, res) => {
      if (pathOf(req.url) === PROJECT_PATH)
        return send(
          res,
          200,
          Array.from({ length: PAGE }, (_, i) => repo(i + 1)),
        );
      send(res, 200, []);
    });
    const out = await runMeasured(['hooks', 'list', `codearts:project/${PROJECT}/repos`], server.url);
    show('repeated discovery page', out, server.requests.length);
    expect(out.code, out.stderr).toBe(5);
    expect(out.stderr).toContain(
      `failed: codearts:project/${PROJECT}/repos: CodeArts Repo answered page 2 with groups and repositories it had already listed: it does not seem to honour paging; stopped`,
    );
    expect(out.stderr).toContain('the hooks of 100 targets were listed');
  });

  it('a failed discovery page is not counted as a target', async () => {
    server = await startServer((req, res) => {
      if (pathOf(req.url) !== PROJECT_PATH) return send(res, 200, []);
      if (query(req.url).get('offset') === '0') return send(res, 200, [repo(1), repo(2), ...Array.from({ length: PAGE - 2 }, (_, i) => group(100 + i))]);
      send(res, 500, { error_code: 'CH.000001', error_msg: 'internal error' });
    });
    const out = await runMeasured(['hooks', 'list', `codearts:project/${PROJECT}/repos`, '--retries', '0'], server.url);
    show('failed discovery page', out, server.requests.length);
    expect(out.code, out.stderr).toBe(5);
    expect(out.stderr).toMatch(/failed: codearts:project\/a{32}\/repos: CodeArts Repo answered HTTP 500 CH\.000001: internal error/);
    expect(out.stderr).not.toMatch(/of 3 targets|targets failed/);
    expect(lines(out.stderr).at(-1)).toBe('error: the discovery of 1 pattern stopped early, so targets may be missing; the hooks of 2 targets were listed');
    // Only the first page failed: nothing listed, and still no pattern counted as a target.
    server.requests.length = 0;
    const first = await startServer((_req, res) => send(res, 500, { error_code: 'CH.000001', error_msg: 'internal error' }));
    try {
      const none = await runMeasured(['hooks', 'list', `codearts:project/${PROJECT}/repos`, '--retries', '0'], first.url);
      expect(none.code, none.stderr).toBe(5);
      expect(lines(none.stderr).at(-1)).toBe('error: the discovery of 1 pattern stopped early, so targets may be missing; no target was listed');
    } finally {
      await first.close();
    }
  });
});

describe('discovered ids are checked like typed targets', () => {
  it.each([
    ['..', 'group'],
    ['%2e%2e', 'group'],
    ['.', 'group'],
    ['1/../2', 'group'],
    ['7\n', 'group'],
    ['7\u0000', 'project'],
    ['..', 'project'],
    ['repo/5', 'group'],
  ])('a listed %j (%s) is refused: exit 5, no request made with it', async (id, kind) => {
    server = await startServer((req, res) => {
      if (pathOf(req.url) === PROJECT_PATH && query(req.url).get('offset') === '0') return send(res, 200, [{ id, descendant_type: kind }]);
      send(res, 200, []);
    });
    const out = await runMeasured(['hooks', 'list', `codearts:project/${PROJECT}/*`, '--retries', '0'], server.url);
    expect(out.code, out.stderr).toBe(5);
    expect(out.stderr).toMatch(
      /CodeArts Repo listed a target hookctl refuses as it would a typed one: (target "codearts:[^"]*": .*|"codearts:repo\/5" reads back as another target); discovery stopped/,
    );
    // The only request is the project's own listing: nothing reached /v4/hooks, /v4/subgroups-… or a group path.
    expect(server.requests).toEqual([`GET ${PROJECT_PATH}`]);
  });
});
