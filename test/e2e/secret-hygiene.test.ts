/**
 * Secret hygiene, end to end. A unique secret is planted through every route hookctl takes a
 * credential or a hook secret from (flags, environment, config literals and `${env:…}`, profiles,
 * IAM passwords, the cloud CLIs' files). Every command then runs in every output mode, on a
 * terminal and piped, with and without --debug, succeeding and failing: credentials refused, bad
 * input, no network, and a 500 whose body echoes the whole request back. No 10-character piece of
 * any planted secret may appear in stdout or stderr, nor in any file hookctl writes (the one file
 * it writes, the 0600 IAM token cache, holds a token, never a password).
 *
 * Mostly in process (runMain against the emulator on loopback, behind msw); a few runs of the
 * real binary at the end (needs `npm run build`).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDir, runBin, runMain } from '../helpers/cli.js';
import { type StartedEmulator, startEmulator } from '../helpers/emulator.js';
import { TEST_TIMEOUT_MS } from '../helpers/timeouts.js';
import { badInputFlow, checkWrittenFiles, failingFlow, providerFlags, runnerFor, successFlow } from './secret-hygiene.flows.js';
import { C, type Env, echo, leakIn, MODES, plant, REFUSE_ALL, ROUTES, TARGETS, yaml } from './secret-hygiene.routes.js';

describe.each(ROUTES)('$name', { timeout: TEST_TIMEOUT_MS }, (route) => {
  const secret = plant(route.name);
  const hookSecret = route.name.startsWith('hook secret') ? secret : plant(`${route.name} (hook secret)`);
  let accepting: StartedEmulator;
  let refusing: StartedEmulator;
  let endpoint = '';
  const runner = runnerFor(route, secret, hookSecret, () => endpoint);

  beforeAll(async () => {
    [accepting, refusing] = await Promise.all([startEmulator({ credentials: route.accept?.(secret) ?? {} }), startEmulator({ credentials: REFUSE_ALL })]);
  });
  afterAll(async () => {
    await Promise.all([accepting.close(), refusing.close()]);
  });

  it('succeeding: every command, every output mode, with and without --debug', async () => {
    endpoint = accepting.url;
    for (const [i, mode] of MODES.entries()) await successFlow(runner, route, mode, i % 2 === 0);
    await successFlow(runner, route, { args: ['-o', 'json'], tty: true }, true);
  });

  it('refused by the provider (exit 4)', async () => {
    endpoint = refusing.url;
    for (const [i, mode] of MODES.entries()) await failingFlow(runner, route, mode, i % 2 === 1, [4, 5]);
  });

  it('a 500 whose body echoes the request, secrets and all (exit 1, or 6 for a create)', async () => {
    endpoint = accepting.url;
    accepting.server.use(echo);
    try {
      // 6: a create answered by a 5xx may have been carried out, and its outcome stays unknown.
      for (const [i, mode] of MODES.entries()) await failingFlow(runner, route, mode, i % 2 === 0, [1, 5, 6]);
    } finally {
      accepting.server.resetHandlers();
    }
  });

  it('bad input (exit 2) and no network (exit 6)', async () => {
    endpoint = accepting.url;
    for (const [i, mode] of MODES.entries()) await badInputFlow(runner, route, mode, i % 2 === 0);
    endpoint = 'http://127.0.0.1:9';
    const out = await runner.run(['hooks', 'list', TARGETS[route.provider], ...providerFlags(route)], MODES[0] as (typeof MODES)[0], true);
    expect(out.code, out.stderr).toBe(6);
  });

  it('hookctl wrote no file holding a secret (only the 0600 token cache)', () => {
    expect(runner.runs).toBeGreaterThan(100);
    checkWrittenFiles(runner, route);
  });
});

describe('an echoed secret cut in two by truncation', () => {
  it.each([490, 495, 499, 500, 1990, 1995])('a 200 body that is not JSON, with the token at offset %i: no piece of it shows', async (offset) => {
    const token = plant(`truncation ${offset}`);
    const emu = await startEmulator({ credentials: { huawei: { iamToken: token } } });
    try {
      emu.server.use(
        http.all('*', () => new HttpResponse(`${'x'.repeat(offset)}${token}${'y'.repeat(3000)}`, { status: 200, headers: { 'content-type': 'text/plain' } })),
      );
      for (const extra of [[], ['--debug'], ['--debug', '-o', 'json']]) {
        const out = await runMain(['hooks', 'list', 'codearts:7', ...extra], {
          env: { HOOKCTL_ENDPOINT: emu.url, HUAWEICLOUD_TOKEN: token },
          deps: { sleep: async () => {} },
        });
        expect(out.code, out.stderr).toBe(1);
        expect(leakIn(out.stdout + out.stderr, [token])).toBeUndefined();
      }
    } finally {
      await emu.close();
    }
  });
});

describe('demo, with every planted variable set', () => {
  it('prints none of them, in any mode', async () => {
    const env: Env = { NO_COLOR: '1' };
    const secrets: string[] = [];
    for (const route of ROUTES) {
      const secret = plant(route.name);
      secrets.push(secret);
      Object.assign(env, route.env(secret, 'http://127.0.0.1:9'));
    }
    for (const [i, mode] of MODES.entries()) {
      const out = await runMain(['demo', ...mode.args, ...(i % 2 ? ['--debug'] : [])], { env, tty: mode.tty });
      expect(out.code, out.stderr).toBe(0);
      expect(leakIn(out.stdout + out.stderr, secrets)).toBeUndefined();
    }
  });
});

describe('the real binary (subprocess)', () => {
  let emu: StartedEmulator;
  const token = plant('subprocess CODEUP_TOKEN');
  const password = plant('subprocess IAM password');
  const hookSecret = plant('subprocess hook secret');
  beforeAll(async () => {
    emu = await startEmulator({ credentials: { codeupToken: token, huawei: { user: { password } } } });
  });
  afterAll(async () => emu.close());

  it('a 500 echoing the request, with --debug: no secret in any byte', async () => {
    emu.server.use(echo);
    try {
      const env = { HOOKCTL_ENDPOINT: emu.url, CODEUP_TOKEN: token, HOOK_SECRET: hookSecret };
      for (const extra of [[], ['-o', 'json'], ['--debug']]) {
        const out = await runBin(
          ['hooks', 'create', 'codeup:org/1', '--codeup-mode', 'oapi', '--url', 'https://ci.example.com/h', '--secret-env', 'HOOK_SECRET', ...extra],
          { env },
        );
        // A create answered by a 500 may have been carried out: its outcome is unknown (exit 6).
        expect(out.code, out.stderr).toBe(6);
        expect(leakIn(out.stdout + out.stderr, [token, hookSecret])).toBeUndefined();
      }
    } finally {
      emu.server.resetHandlers();
    }
  });

  it('an IAM password in a world-readable config file: warned about, never printed, never cached', async () => {
    const home = emptyDir();
    const file = join(home, '.hookctlrc.yaml');
    writeFileSync(
      file,
      yaml([
        'profiles:',
        '  default:',
        '    huaweicloud:',
        '      iam:',
        `        user: ${C.huawei.user.name}`,
        `        password: '${password}'`,
        `        domain: ${C.huawei.user.domainName}`,
      ]),
      { mode: 0o644 },
    );
    for (const extra of [[], ['--debug'], ['-o', 'yaml']]) {
      const out = await runBin(['hooks', 'list', 'codearts:7', ...extra], { cwd: home, env: { HOOKCTL_ENDPOINT: emu.url } });
      expect(out.code, out.stderr).toBe(0);
      expect(out.stderr).toContain(`warning: ${file} holds a literal secret (profiles.default.huaweicloud.iam.password)`);
      expect(leakIn(out.stdout + out.stderr, [password])).toBeUndefined();
    }
    const cache = join(home, '.cache', 'hookctl');
    for (const name of readdirSync(cache)) {
      expect(statSync(join(cache, name)).mode & 0o777).toBe(0o600);
      expect(leakIn(readFileSync(join(cache, name), 'utf8'), [password])).toBeUndefined();
    }
  });
});
