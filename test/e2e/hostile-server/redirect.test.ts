/**
 * A 3xx answer is an error on every verb (exit 1, naming the Location host, saying redirects are not
 * followed), never success: following one would carry the credentials to another host, and a write
 * that was redirected was not carried out. Run `npm run build` first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { codeartsStore, type Loopback, lines, runMeasured, startServer, TARGET } from './loopback.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const url = 'https://ci.example.com/h';

/** [verb, the HTTP method that gets the redirect, argv]; the other requests are answered honestly. */
const cases: [string, string, number, string[]][] = [
  ['create', 'POST', 307, ['hooks', 'create', TARGET, '--url', url, '--name', 'ci']],
  ['list', 'GET', 302, ['hooks', 'list', TARGET]],
  ['get', 'GET', 301, ['hooks', 'get', TARGET, '1']],
  ['update', 'PUT', 308, ['hooks', 'update', TARGET, '1', '--url', 'https://ci.example.com/moved']],
  ['delete', 'DELETE', 301, ['hooks', 'delete', TARGET, '1', '--yes']],
  ['delete', 'DELETE', 302, ['hooks', 'delete', TARGET, '1', '--yes']],
  ['delete', 'DELETE', 307, ['hooks', 'delete', TARGET, '1', '--yes']],
  ['delete', 'DELETE', 308, ['hooks', 'delete', TARGET, '1', '--yes']],
];

describe('a 3xx is an error, never success', () => {
  it.each(cases)('hooks %s answered by %s %i: exit 1, the Location host named, nothing done', async (_verb, method, status, argv) => {
    const store = codeartsStore();
    store.add(JSON.stringify({ url, name: 'ci' }));
    server = await startServer((req, res, body) => {
      if (req.method === method) {
        res.writeHead(status, { location: 'https://evil.example:8443/v4/groups/77/hooks', 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      store.handle(req, res, body);
    });
    const out = await runMeasured(argv, server.url);
    expect(out.code, out.stderr).toBe(1);
    expect(lines(out.stderr)[0]).toMatch(
      new RegExp(
        `^error: http://127\\.0\\.0\\.1:\\d+ answered HTTP ${status} \\(a redirect, Location host evil\\.example:8443\\); hookctl does not follow redirects$`,
      ),
    );
    expect(out.stdout).toBe('');
    expect(out.stderr).not.toMatch(/deleted|created|updated/);
    // Not followed, not repeated, and the store is as it was.
    expect(server.requests.filter((r) => r.startsWith(`${method} `))).toHaveLength(1);
    expect(store.hooks).toEqual([{ id: 1, url, name: 'ci' }]);
  });
});
