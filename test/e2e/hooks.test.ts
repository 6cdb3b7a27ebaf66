/**
 * The real bin/hookctl.js as a subprocess against the emulator over loopback: the acceptance
 * flows of the core issue, and every exit code of design §6 that these commands can produce.
 */
import { HttpResponse, http } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C, emulatorEnv } from '../../src/emulator/credentials.js';
import { runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
let env: Record<string, string>;
const SECRET = 'e2e-hook-secret-5d1c9';
const ALL_SECRETS = [SECRET, C.alibaba.accessKeySecret, C.codeupToken, C.huawei.iamToken];

const hookctl = (args: string[], extra: Record<string, string | undefined> = {}, stdin?: string) =>
  runBin(args, { env: { ...env, S: SECRET, ...extra }, stdin });

const expectNoSecrets = (out: { stdout: string; stderr: string }) => {
  for (const s of ALL_SECRETS) {
    expect(out.stdout).not.toContain(s);
    expect(out.stderr).not.toContain(s);
  }
};

beforeAll(() => {
  env = emulatorEnv(emu.url);
});

describe('hooks on every provider (acceptance flows)', () => {
  const cases = [
    { target: 'codeup:ORG/100', extra: [] as string[], events: ['push', 'tag_push'] },
    { target: 'codearts:77', extra: ['--name', 'ci'], events: ['push', 'tag_push'] },
    { target: 'servicestage:0123456789abcdef0123456789abcdef/ns/repo', extra: [], events: ['push'] },
  ];

  for (const c of cases) {
    it(`${c.target}: create, list --json (secret masked), get, update, delete`, async () => {
      const events = c.target.startsWith('servicestage') ? 'push' : 'push,tag_push';
      const created = await hookctl([
        'hooks',
        'create',
        c.target,
        '--url',
        'https://ci.example.com/h',
        '--events',
        events,
        ...c.extra,
        '--secret-env',
        'S',
        '--json',
      ]);
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const hook = JSON.parse(created.stdout);
      expect(hook).toMatchObject({ target: c.target, url: 'https://ci.example.com/h', events: c.events, secret: '******' });

      const listed = await hookctl(['hooks', 'list', c.target, '--json']);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: hook.id, url: 'https://ci.example.com/h', secret: '******' })]);

      const got = await hookctl(['hooks', 'get', c.target, hook.id, '-o', 'yaml']);
      expect(got.code).toBe(0);
      expect(got.stdout).toContain(`id: "${hook.id}"`);

      const updated = await hookctl(['hooks', 'update', c.target, hook.id, '--url', 'https://ci.example.com/moved', '--secret-env', 'S', '--json']);
      expect(updated.code).toBe(0);
      const after = JSON.parse(updated.stdout);
      expect(after.url).toBe('https://ci.example.com/moved');
      if (c.target.startsWith('codearts')) {
        expect(after.id).toBe(hook.id);
      } else {
        expect(after.replacedId).toBe(hook.id);
        expect(updated.stderr).toContain('the id changed');
      }

      const deleted = await hookctl(['hooks', 'delete', c.target, after.id, '--yes']);
      expect(deleted.code).toBe(0);
      expect((await hookctl(['hooks', 'list', c.target, '--json'])).stdout.trim()).toBe('[]');
      for (const out of [created, listed, got, updated, deleted]) expectNoSecrets(out);
    });
  }

  it('lists several targets at once, tab-separated when piped', async () => {
    await hookctl(['hooks', 'create', 'codearts:1', '--url', 'https://a.example.com/h', '--name', 'a']);
    await hookctl(['hooks', 'create', 'codearts:2', '--url', 'https://b.example.com/h', '--name', 'b']);
    const out = await hookctl(['hooks', 'list', 'codearts:1', 'codearts:2']);
    expect(out.code).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(lines).toEqual([
      // Then ssl verify (CodeArts has none) and whether a secret is set.
      ['codearts:1', expect.any(String), 'https://a.example.com/h', 'push', 'a', '', 'none'],
      ['codearts:2', expect.any(String), 'https://b.example.com/h', 'push', 'b', '', 'none'],
    ]);
  });

  it('--if-not-exists makes create idempotent by URL', async () => {
    const args = ['hooks', 'create', 'codearts:5', '--url', 'https://ci.example.com/once', '--name', 'x', '--if-not-exists', '--json'];
    const first = await hookctl(args);
    const second = await hookctl(args);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(JSON.parse(second.stdout).id).toBe(JSON.parse(first.stdout).id);
    expect(second.stderr).toContain('nothing to do');
    expect(emu.emulator.store.snapshot().codearts).toBeDefined();
    const listed = JSON.parse((await hookctl(['hooks', 'list', 'codearts:5', '--json'])).stdout);
    expect(listed).toHaveLength(1);
  });

  it('--dry-run prints the exact signed request, masked, and sends nothing', async () => {
    const out = await hookctl(['hooks', 'create', 'codeup:ORG/100', '--url', 'https://ci.example.com/h', '--secret-env', 'S', '--dry-run']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/api\/v3\/projects\/100\/hooks\?AccessToken=\*{6}&OrganizationId=ORG/);
    expect(out.stdout).toContain('x-acs-action: AddWebhook');
    expect(out.stdout).toContain('authorization: acs ******');
    expect(out.stdout).toContain('"secret_token": "******"');
    expect(out.stderr).toContain('nothing was sent');
    expectNoSecrets(out);
    expect((await hookctl(['hooks', 'list', 'codeup:ORG/100', '--json'])).stdout.trim()).toBe('[]');
  });

  it('takes the secret from stdin', async () => {
    const out = await hookctl(
      ['hooks', 'create', 'servicestage:p1/ns/repo', '--url', 'https://ci.example.com/h', '--secret-stdin', '--json'],
      {},
      `${SECRET}\n`,
    );
    expect(out.code).toBe(0);
    const state = emu.emulator.store.snapshot() as { servicestage: unknown };
    expect(JSON.stringify(state.servicestage)).toContain(SECRET);
    expectNoSecrets(out);
  });

  it('--debug traces requests with every credential masked', async () => {
    const out = await hookctl(['hooks', 'create', 'codeup:ORG/100', '--url', 'https://ci.example.com/h', '--secret-env', 'S', '--debug']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('[debug] > POST');
    expect(out.stderr).toContain('[debug] < 200');
    expectNoSecrets(out);
  });
});

describe('exit codes (design §6)', () => {
  it('2: bad input names the field, one line, no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['hooks', 'list', 'gitlab:1'], /unknown provider "gitlab"/],
      [['hooks', 'list', 'codeup:ORG'], /expected codeup:<organizationId>\/<projectId>/],
      [['hooks', 'create', 'codearts:1', '--url', 'ftp://x', '--name', 'a'], /url \(--url\): must be an absolute http\(s\) URL/],
      [['hooks', 'create', 'codearts:1', '--url', `https://x.example.com/${'a'.repeat(600)}`, '--name', 'a'], /url \(--url\) must be at most 500 characters/],
      [['hooks', 'create', 'codearts:1', '--url', 'https://x.example.com'], /name \(--name\) is required by CodeArts Repo/],
      [['hooks', 'create', 'codeup:O/1', '--url', 'https://x.example.com', '--name', 'n'], /name \(--name\) is not supported by Codeup/],
      [
        ['hooks', 'create', 'codearts:1', '--url', 'https://x.example.com', '--name', 'a', '--branch-filter', '(['],
        /branchFilter \(--branch-filter\): must be a valid regular expression/,
      ],
      [
        ['hooks', 'create', 'codearts:1', '--url', 'https://x.example.com', '--name', 'a', '--events', 'push,deploy'],
        /events \(--events\): unknown event "deploy"/,
      ],
      [['hooks', 'create', 'codearts:1', '--name', 'a'], /url \(--url\): is required/],
      [['hooks', 'delete', 'codearts:1', '5'], /without confirmation/],
      [['hooks', 'list', 'codearts:1', '--timeout', 'soon'], /--timeout: must be a whole number/],
    ];
    for (const [args, pattern] of cases) {
      const out = await hookctl(args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr, args.join(' ')).toMatch(pattern);
      expect(out.stderr).not.toMatch(/\n\s+at /);
      expect(out.stdout).toBe('');
    }
  });

  it('2: a broken config file names the file and the key', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'hookctl-cfg-'));
    writeFileSync(join(dir, 'bad.yaml'), 'profiles:\n  p:\n    codearts:\n      endpoint: not a url\n');
    writeFileSync(join(dir, 'broken.yaml'), 'profiles: [unclosed\n');
    const bad = await hookctl(['hooks', 'list', 'codearts:1', '--config', join(dir, 'bad.yaml'), '--profile', 'p']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.yaml: profiles.p.codearts.endpoint: must be an http(s) URL');
    const broken = await hookctl(['hooks', 'list', 'codearts:1', '--config', join(dir, 'broken.yaml')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.yaml: not valid YAML');
  });

  it('3: a hook that does not exist', async () => {
    for (const target of ['codeup:ORG/100', 'codearts:77', 'servicestage:p/ns/repo']) {
      const out = await hookctl(['hooks', 'get', target, '424242']);
      expect(out.code, target).toBe(3);
      expect(out.stderr).toMatch(/error: .*424242|error: .*404/);
    }
  });

  it('4: refused credentials, one line, nothing secret', async () => {
    const cases: [string, Record<string, string>][] = [
      ['codeup:ORG/100', { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'wrong-alibaba-secret' }],
      ['codearts:77', { HUAWEICLOUD_TOKEN: 'wrong-token' }],
      ['servicestage:p/ns/repo', { HUAWEICLOUD_TOKEN: 'wrong-token' }],
      ['codeup:ORG/100', { ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '', CODEUP_TOKEN: '' }],
    ];
    for (const [target, extra] of cases) {
      const out = await hookctl(['hooks', 'list', target], extra);
      expect(out.code, target).toBe(4);
      expect(out.stderr.split('\n')[0]).toMatch(/^error: /);
      expect(out.stderr).not.toContain('wrong-alibaba-secret');
      expectNoSecrets(out);
    }
  });

  it('1: a provider error names the provider, code and request id; -o json adds a JSON error', async () => {
    emu.server.use(
      http.all('*/v4/groups/:id/hooks', () =>
        HttpResponse.json({ error_code: 'CH.000001', error_msg: 'boom' }, { status: 500, headers: { 'x-request-id': 'req-42' } }),
      ),
    );
    const out = await hookctl(['hooks', 'list', 'codearts:77', '--json']);
    expect(out.code).toBe(1);
    const json = JSON.parse(out.stderr.trim().split('\n')[0] ?? '');
    expect(json.error).toEqual({ code: 'provider', message: 'CodeArts Repo answered HTTP 500 CH.000001: boom (request id req-42)', hint: null });
  });

  it('5: some targets of a bulk list failed; the others are still printed', async () => {
    await hookctl(['hooks', 'create', 'codearts:1', '--url', 'https://a.example.com/h', '--name', 'a']);
    emu.server.use(http.all('*/v4/groups/2/hooks', () => HttpResponse.json({ error_code: 'CH.000001', error_msg: 'boom' }, { status: 500 })));
    const out = await hookctl(['hooks', 'list', 'codearts:1', 'codearts:2', '--retries', '0']);
    expect(out.code).toBe(5);
    expect(out.stdout).toContain('https://a.example.com/h');
    expect(out.stderr).toContain('failed: codearts:2');
    expect(out.stderr).toContain('1 of 2 targets failed');
  });

  it('6: network failure (nothing listening)', async () => {
    const out = await hookctl(['hooks', 'list', 'codearts:1', '--retries', '0'], { HOOKCTL_ENDPOINT: 'http://127.0.0.1:9' });
    expect(out.code).toBe(6);
    expect(out.stderr).toContain('connection refused');
  });

  it('0: help, version and an empty list', async () => {
    expect((await hookctl(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await hookctl(['hooks', 'create', '--help'])).stdout).toContain('--secret-env');
    const empty = await hookctl(['hooks', 'list', 'codearts:404']);
    expect(empty).toMatchObject({ code: 0, stdout: '' });
  });

  it('2: an unknown flag is a usage error', async () => {
    const out = await hookctl(['hooks', 'list', 'codearts:1', '--frobnicate']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("unknown option '--frobnicate'");
  });
});
