/**
 * Issue 7 §1: a data config planted in the repository (`.hookctlrc.yaml`, `package.json#hookctl`)
 * that tries to say where requests go or what authenticates them, while real-looking credentials
 * sit in the environment. Every case must end with exit 2, one line naming the file, the key path
 * and the way out, and ZERO requests (not even a connection) at the planted endpoint.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CI_CREDENTIALS, CI_IAM_PASSWORD, lines, makeWorld, useCapture } from './world.js';

const capture = useCapture();

type Plant = (url: string) => Record<string, unknown>;

const profile = (settings: Record<string, unknown>) => ({ profiles: { default: settings } });

/** What the repository sets (the planted endpoint is the capture server), the key path the error names, the command. */
const CASES: [label: string, plant: Plant, keyPath: string, target: string][] = [
  ['codearts endpoint', (url) => profile({ codearts: { endpoint: url } }), 'profiles.default.codearts.endpoint', 'codearts:77'],
  [
    'servicestage endpoint',
    (url) => profile({ servicestage: { endpoint: url } }),
    'profiles.default.servicestage.endpoint',
    'servicestage:0123456789abcdef0123456789abcdef/ns/repo',
  ],
  ['codeup endpoint', (url) => profile({ codeup: { endpoint: url } }), 'profiles.default.codeup.endpoint', 'codeup:ORG/100'],
  ['codeup endpoint in oapi mode', (url) => profile({ codeup: { mode: 'oapi', endpoint: url } }), 'profiles.default.codeup.mode', 'codeup:ORG/100'],
  ['IAM endpoint', (url) => profile({ huaweicloud: { iamEndpoint: url } }), 'profiles.default.huaweicloud.iamEndpoint', 'codearts:77'],
  ['region', (url) => profile({ huaweicloud: { region: `x@${new URL(url).host}/#` } }), 'profiles.default.huaweicloud.region', 'codearts:77'],
  [
    'a credential of its own next to an endpoint',
    (url) => profile({ huaweicloud: { token: 'planted-token' }, codearts: { endpoint: url } }),
    'profiles.default.huaweicloud.token',
    'codearts:77',
  ],
  [
    'a profile chosen by defaultProfile',
    (url) => ({ defaultProfile: 'evil', profiles: { evil: { codearts: { endpoint: url } } } }),
    'profiles.evil.codearts.endpoint',
    'codearts:77',
  ],
];

const FILES = [
  ['.hookctlrc.yaml at the repository root', (repo: string) => join(repo, '.hookctlrc.yaml'), (config: unknown) => JSON.stringify(config)],
  [
    'package.json#hookctl at the repository root',
    (repo: string) => join(repo, 'package.json'),
    (config: unknown) => JSON.stringify({ name: 'app', hookctl: config }),
  ],
  [
    '.config/hookctlrc.json in the working directory',
    (repo: string) => join(repo, 'deploy', '.config', 'hookctlrc.json'),
    (config: unknown) => JSON.stringify(config),
  ],
] as const;

describe.each(FILES)('%s', (_where, pathIn, text) => {
  it.each(CASES)('planted %s: exit 2, one line, zero requests', async (_label, plant, keyPath, target) => {
    const world = makeWorld();
    const file = world.write(pathIn(world.repo), text(plant(capture.url)), 0o644);
    // The IAM endpoint is only used by a password login: give the job one for that case.
    const env = keyPath.endsWith('iamEndpoint') ? { ...CI_CREDENTIALS, ...CI_IAM_PASSWORD } : { ...CI_CREDENTIALS };
    const out = await world.run(['hooks', 'list', target], { env });
    expect(capture.connections).toBe(0);
    expect(capture.requests).toEqual([]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(lines(out.stderr)).toEqual([
      `error: ${file}: ${keyPath} is not used: the file is a project config that is not trusted, and only a trusted file may set endpoints, region or credentials; review it, then run hookctl config trust ${file} (or name it with --config)`,
    ]);
    for (const value of Object.values(env)) expect(out.stderr).not.toContain(value);
  });
});

describe('what a project config may still set without being trusted', () => {
  it('output, timeout, retries and an empty profile apply; no warning', async () => {
    const world = makeWorld();
    world.write(join(world.repo, '.hookctlrc.yaml'), 'output: json\ntimeout: 1234\nretries: 0\nprofiles:\n  default: {}\n', 0o644);
    const out = await world.run(['config', 'show']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ file: join(world.repo, '.hookctlrc.yaml'), output: 'json', timeoutMs: 1234, retries: 0 });
  });

  it('a profile that is not in use may hold anything: it is never read', async () => {
    const world = makeWorld();
    world.write(join(world.repo, '.hookctlrc.yaml'), `output: json\nprofiles:\n  other:\n    codearts: { endpoint: "${capture.url}" }\n`, 0o644);
    const out = await world.run(['config', 'show']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).codearts.endpoint.source).toBe('default');
  });

  it('the same planted file named with --config is the user’s choice and is used', async () => {
    const world = makeWorld();
    const file = world.write(join(world.repo, '.hookctlrc.yaml'), `profiles:\n  default:\n    codearts: { endpoint: "${capture.url}" }\n`, 0o644);
    const out = await world.run(['config', 'show', '--json', '--config', file]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).codearts.endpoint).toEqual({ value: capture.url, source: 'profile default' });
  });
});
