/**
 * Issue 7 §1: credentials never travel in clear to a host off this machine. An http:// endpoint
 * whose host is not loopback is refused (exit 2, one line, nothing sent) from every source, unless
 * --allow-http or HOOKCTL_ALLOW_HTTP=1. To see what is sent once allowed, the capture server plays
 * the HTTP proxy (HTTP_PROXY), so no request leaves this machine.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CI_CREDENTIALS, CI_IAM_PASSWORD, lines, makeWorld, useCapture } from './world.js';

const capture = useCapture();
const REMOTE = 'http://hooks.example.invalid';

const refused = (what: string, source: string) =>
  `error: ${what} (${source}): http://hooks.example.invalid would send credentials in clear to a host off this machine; use https, or pass --allow-http (HOOKCTL_ALLOW_HTTP=1) if you mean it`;

describe('refused without --allow-http', () => {
  it.each([
    ['flag --endpoint', ['--endpoint', REMOTE], {}, 'codeup endpoint'],
    ['env HOOKCTL_ENDPOINT', [], { HOOKCTL_ENDPOINT: REMOTE }, 'codeup endpoint'],
    ['env HOOKCTL_CODEARTS_ENDPOINT', [], { HOOKCTL_CODEARTS_ENDPOINT: REMOTE }, 'codearts endpoint'],
    ['env HOOKCTL_IAM_ENDPOINT', [], { HOOKCTL_IAM_ENDPOINT: `${REMOTE}/v3` }, 'IAM endpoint'],
  ])('%s', async (source, args, env, what) => {
    const world = makeWorld();
    const login = what === 'IAM endpoint' ? CI_IAM_PASSWORD : {};
    const out = await world.run(['hooks', 'list', 'codearts:77', ...args], { env: { ...CI_CREDENTIALS, ...login, HTTP_PROXY: capture.url, ...env } });
    expect(out.code).toBe(2);
    expect(lines(out.stderr)).toEqual([refused(what, source)]);
    expect(capture.requests).toEqual([]);
  });

  it('from a profile in a file the user named', async () => {
    const world = makeWorld();
    const file = world.write(join(world.home, 'mine.yaml'), `profiles:\n  default:\n    huaweicloud: { iamEndpoint: "${REMOTE}" }\n`);
    const out = await world.run(['hooks', 'list', 'codearts:77', '--config', file], {
      env: { ...CI_CREDENTIALS, ...CI_IAM_PASSWORD, HTTP_PROXY: capture.url },
    });
    expect(out.code).toBe(2);
    expect(lines(out.stderr)).toEqual([refused('IAM endpoint', 'profile default')]);
    expect(capture.requests).toEqual([]);
  });
});

describe('allowed when asked', () => {
  it.each([
    ['--allow-http', ['--allow-http'], {}],
    ['HOOKCTL_ALLOW_HTTP=1', [], { HOOKCTL_ALLOW_HTTP: '1' }],
  ])('%s: the request is made', async (_label, args, env) => {
    const world = makeWorld();
    const out = await world.run(['hooks', 'list', 'codearts:77', '--retries', '0', ...args], {
      env: { HUAWEICLOUD_TOKEN: 'token', HOOKCTL_CODEARTS_ENDPOINT: REMOTE, HTTP_PROXY: capture.url, ...env },
    });
    expect(out.code).not.toBe(2);
    expect(capture.requests.length).toBeGreaterThan(0);
    expect(capture.requests).toContain(`GET ${REMOTE}/v4/groups/77/hooks?offset=0&limit=100`);
    expect(capture.requests.filter((line) => !line.startsWith('CONNECT '))).toEqual([`GET ${REMOTE}/v4/groups/77/hooks?offset=0&limit=100`]);
  });

  it('loopback needs no flag: 127.0.0.0/8, localhost and [::1]', async () => {
    for (const endpoint of ['http://127.0.0.1:9', 'http://127.8.9.10:9', 'http://localhost:9', 'http://[::1]:9']) {
      const out = await makeWorld().run(['config', 'show', '--json'], { env: { HOOKCTL_ENDPOINT: endpoint } });
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
    }
  });

  it('https is never refused', async () => {
    const out = await makeWorld().run(['config', 'show', '--json', '--endpoint', 'https://hooks.example.invalid']);
    expect(out).toMatchObject({ code: 0, stderr: '' });
  });
});
