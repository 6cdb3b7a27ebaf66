/**
 * Issue 7 §1: untrusted → `hookctl config trust` → works → the file is edited → untrusted again.
 * The trusted project config points CodeArts at the emulator; the emulator's request log shows that
 * nothing reached it while the file was untrusted.
 */
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials.js';
import { useEmulator } from '../../helpers/emulator.js';
import { lines, makeWorld, type World } from './world.js';

const emulator = useEmulator();

/** The emulator's credentials, but no endpoint in the environment: only the config file points there. */
const env = () => {
  const { HOOKCTL_ENDPOINT: _endpoint, ...rest } = emulator.env;
  return rest;
};

const untrusted = (file: string, why = 'is a project config that is not trusted') =>
  `error: ${file}: profiles.default.codearts.endpoint is not used: the file ${why}, and only a trusted file may set endpoints, region or credentials; review it, then run hookctl config trust ${file} (or name it with --config)`;

function plant(world: World): string {
  return world.write(join(world.repo, '.hookctlrc.yaml'), `profiles:\n  default:\n    codearts:\n      endpoint: ${emulator.url}\n`, 0o644);
}

const list = ['hooks', 'list', 'codearts:77'];

describe('untrusted, trusted, edited', () => {
  it('walks the whole cycle', async () => {
    const world = makeWorld();
    const file = plant(world);

    const before = await world.run(list, { env: env() });
    expect(before.code).toBe(2);
    expect(lines(before.stderr)).toEqual([untrusted(file)]);
    expect(emulator.server.requests).toEqual([]);

    const trust = await world.run(['config', 'trust'], { env: env() });
    expect(trust.code).toBe(0);
    expect(trust.stderr).toBe('');
    expect(trust.stdout).toMatch(new RegExp(`^trusted ${file} \\(sha256 [0-9a-f]{16}…\\); editing it makes it untrusted again\\n$`));
    const store = join(world.userDir, 'trusted.json');
    expect(statSync(store).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(store, 'utf8')).files)).toEqual([file]);

    const after = await world.run(list, { env: env() });
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(emulator.server.requests.length).toBeGreaterThan(0);
    expect(emulator.server.requests.every((r) => r.url.startsWith(emulator.url))).toBe(true);

    emulator.server.requests.length = 0;
    appendFileSync(file, '# an innocent-looking edit\n');
    const edited = await world.run(list, { env: env() });
    expect(edited.code).toBe(2);
    expect(lines(edited.stderr)).toEqual([untrusted(file, 'has changed since it was trusted')]);
    expect(emulator.server.requests).toEqual([]);
  });

  it('config trust FILE (relative to the working directory), -o json', async () => {
    const world = makeWorld();
    const file = plant(world);
    const out = await world.run(['config', 'trust', '../.hookctlrc.yaml', '-o', 'json'], { env: env() });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ file, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), store: join(world.userDir, 'trusted.json') });
    expect((await world.run(list, { env: env() })).code).toBe(0);
  });

  it('trust is per file: trusting one does not trust another with the same content', async () => {
    const world = makeWorld();
    const file = plant(world);
    expect((await world.run(['config', 'trust', file])).code).toBe(0);
    const other = world.write(join(world.sub, '.hookctlrc.yaml'), readFileSync(file, 'utf8'), 0o644);
    const out = await world.run(list, { env: env() });
    expect(out.code).toBe(2);
    expect(lines(out.stderr)).toEqual([untrusted(other)]);
  });

  it('--config FILE needs no trust', async () => {
    const world = makeWorld();
    const file = plant(world);
    const out = await world.run([...list, '--config', file], { env: env() });
    expect(out).toMatchObject({ code: 0, stderr: '' });
  });

  it('a trust store that others can write is ignored (nothing is trusted), with a warning', async () => {
    const world = makeWorld();
    const file = plant(world);
    expect((await world.run(['config', 'trust'])).code).toBe(0);
    const store = join(world.userDir, 'trusted.json');
    world.write(store, readFileSync(store, 'utf8'), 0o666);
    const out = await world.run(list, { env: env() });
    expect(out.code).toBe(2);
    expect(lines(out.stderr)).toEqual([
      `warning: ${store}: ignored: writable by group and others (mode 666); no project config is trusted until it is fixed (chmod 600)`,
      untrusted(file),
    ]);
  });

  it.each([
    [
      'a script',
      '.hookctlrc.mjs',
      'export default {};\n',
      0o644,
      (f: string) => `error: ${f}: a script config is never trusted from a project; load it with --config ${f} or move it to the user config directory`,
    ],
    [
      'a world-writable file',
      '.hookctlrc.yaml',
      'output: json\n',
      0o666,
      (f: string) =>
        `error: ${f}: not trusted: writable by group and others (mode 666); hookctl reads a config file only when you (or root) own it and nobody else can write it`,
    ],
  ])('config trust refuses %s (exit 2)', async (_label, name, text, mode, message) => {
    const world = makeWorld();
    const file = world.write(join(world.repo, name), text, mode);
    const out = await world.run(['config', 'trust', file]);
    expect(out).toMatchObject({ code: 2, stdout: '' });
    expect(lines(out.stderr)).toEqual([message(file)]);
  });

  it('config trust with nothing to trust: exit 2 and a hint', async () => {
    const out = await makeWorld().run(['config', 'trust']);
    expect(out.code).toBe(2);
    expect(lines(out.stderr)).toEqual([
      'error: no project config found from here to trust (the search stops at the repository root or your home directory)',
      'hint: name the file: hookctl config trust FILE',
    ]);
  });
});

describe('the IAM login follows --endpoint like every other request', () => {
  it('--endpoint pointing at the emulator: the password login goes there too', async () => {
    const world = makeWorld();
    const { name, password, domainName } = EMULATOR_CREDENTIALS.huawei.user;
    const iamEnv = { HOOKCTL_IAM_USER: name, HOOKCTL_IAM_PASSWORD: password, HOOKCTL_IAM_DOMAIN: domainName };
    const out = await world.run([...list, '--endpoint', emulator.url], { env: iamEnv });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(emulator.server.requests.some((r) => r.url.includes('/v3/auth/tokens'))).toBe(true);
  });
});
