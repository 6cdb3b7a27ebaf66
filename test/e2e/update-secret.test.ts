/**
 * The real bin/hookctl.js against the emulator: updates that never
 * silently lose a secret and say what happens to it, dry runs that say they read, dot segments in
 * targets, and ServiceStage's unknown-id delete.
 */
import { HttpResponse, http } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
let env: Record<string, string>;
const SECRET = 'e2e-update-secret-4b7e1';
const hookctl = (args: string[], extra: Record<string, string | undefined> = {}) => runBin(args, { env: { ...env, ...extra } });
const create = async (target: string, extra: string[] = []) => {
  const out = await hookctl(['hooks', 'create', target, '--url', 'https://ci.example.com/h', '--secret-env', 'S', ...extra, '--json'], { S: SECRET });
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout).id as string;
};
const maskCodeupList = () =>
  emu.server.use(
    http.get('*/api/v3/projects/:p/hooks', async ({ request }) => {
      const body = (await (await emu.emulator.handle(request)).json()) as { Result: Record<string, unknown>[] };
      return HttpResponse.json({ ...body, Result: body.Result.map((h) => ({ ...h, SecretToken: '******' })) });
    }),
  );

beforeAll(() => {
  env = emulatorEnv(emu.url);
});

describe('targets', () => {
  it('servicestage:../../x is a malformed target: exit 2, one line, no request sent', async () => {
    const out = await hookctl(['hooks', 'list', 'servicestage:../../x']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('target "servicestage:../../x": a segment may not be "." or ".."');
    expect(out.stderr).toContain('servicestage:<projectId>/<namespace>/<project>');
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(emu.server.requests).toHaveLength(0);
  });

  it('percent-encoded dots are refused too', async () => {
    const out = await hookctl(['hooks', 'delete', 'servicestage:p/ns/%2e%2E', '1', '--yes']);
    expect(out.code).toBe(2);
    expect(emu.server.requests).toHaveLength(0);
  });
});

describe('Codeup v3 update (a replace)', () => {
  it('refuses (exit 2) when the current secret is masked, before deleting anything; --no-secret drops it', async () => {
    const id = await create('codeup:ORG/100');
    maskCodeupList();
    const refused = await hookctl(['hooks', 'update', 'codeup:ORG/100', id, '--url', 'https://ci.example.com/moved']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the current secret cannot be read: pass --secret-env/--secret-stdin, or --no-secret to drop it');
    expect(emu.emulator.store.snapshot().codeup['ORG/100']).toEqual([expect.objectContaining({ id: Number(id), secretToken: SECRET })]);

    const dropped = await hookctl(['hooks', 'update', 'codeup:ORG/100', id, '--url', 'https://ci.example.com/moved', '--no-secret', '--json']);
    expect(dropped.code).toBe(0);
    expect(dropped.stderr).toContain('secret: cleared');
    expect(emu.emulator.store.snapshot().codeup['ORG/100']).toEqual([expect.objectContaining({ url: 'https://ci.example.com/moved', secretToken: '' })]);
  });

  it('--no-secret together with --secret-env is a usage error', async () => {
    const out = await hookctl(['hooks', 'update', 'codeup:ORG/100', '1', '--no-secret', '--secret-env', 'S'], { S: SECRET });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('use either --no-secret or --secret-env/--secret-stdin');
  });

  it('--dry-run: create first, then delete; the secret is kept; it read the hook and sent no change', async () => {
    const id = await create('codeup:ORG/100');
    const out = await hookctl(['hooks', 'update', 'codeup:ORG/100', id, '--url', 'https://ci.example.com/moved', '--dry-run']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(`this would create a new hook, then delete hook ${id}`);
    expect(out.stderr).toContain('secret: kept');
    expect(out.stderr).toContain(`dry run: hook ${id} was read; no change was sent`);
    expect(out.stderr).not.toContain('nothing was sent');
    expect(out.stdout.indexOf('POST ')).toBeLessThan(out.stdout.indexOf('DELETE '));
    expect(out.stdout).not.toContain(SECRET);
    expect(emu.server.requests.filter((r) => r.method !== 'GET')).toHaveLength(1); // the create above
  });

  it('a create error that echoes the read-back secret never prints it', async () => {
    const id = await create('codeup:ORG/100');
    emu.server.use(
      http.post('*/api/v3/projects/:p/hooks', async ({ request }) =>
        HttpResponse.json({ RequestId: 'r-echo', Success: false, ErrorCode: 'InvalidParam', ErrorMessage: `refused ${await request.text()}` }, { status: 400 }),
      ),
    );
    const out = await hookctl(['hooks', 'update', 'codeup:ORG/100', id, '--url', 'https://ci.example.com/moved', '--debug']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('refused');
    expect(out.stderr).not.toContain(SECRET);
    expect(out.stdout).not.toContain(SECRET);
    expect(emu.emulator.store.snapshot().codeup['ORG/100']).toEqual([expect.objectContaining({ id: Number(id), secretToken: SECRET })]);
  });
});

describe('CodeArts update without a new secret: the hook is read back and checked', () => {
  it('says "secret: kept (checked)" when the URL stays, and keeps it', async () => {
    const id = await create('codearts:61', ['--name', 'ci']);
    const dry = await hookctl(['hooks', 'update', 'codearts:61', id, '--name', 'renamed', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('secret: expected to be kept (read back and checked after the update)');
    expect(dry.stderr).toContain('no change was sent');
    const out = await hookctl(['hooks', 'update', 'codearts:61', id, '--name', 'renamed']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/^secret: kept \(checked\)$/m);
    expect(emu.emulator.store.snapshot().codearts['61']).toEqual([expect.objectContaining({ name: 'renamed', token: SECRET })]);
  });

  it('a provider that drops the token on the PUT: "secret: cleared by the provider", exit 1, and how to set it again', async () => {
    const id = await create('codearts:63', ['--name', 'ci']);
    // The emulator keeps an omitted token; this override makes it behave as a provider that drops it.
    emu.server.use(
      http.put('*/v4/groups/:g/hooks/:h', async ({ request }) => {
        const body = (await request.clone().json()) as Record<string, unknown>;
        return emu.emulator.handle(new Request(request.url, { method: 'PUT', headers: request.headers, body: JSON.stringify({ ...body, token: '' }) }));
      }),
    );
    const out = await hookctl(['hooks', 'update', 'codearts:63', id, '--name', 'renamed']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^secret: cleared by the provider$/m);
    expect(out.stderr).toContain(`error: CodeArts Repo: hook ${id} has no secret after this update (read back)`);
    expect(out.stderr).toContain(`hint: set it again: hookctl hooks update codearts:63 ${id} --secret-env NAME (or --secret-stdin)`);
    expect(out.stderr).not.toMatch(/secret: kept/);
  });

  it('the URL changes: expected to be cleared; the read-back says what happened (exit 1 when it is gone)', async () => {
    const id = await create('codearts:62', ['--name', 'ci']);
    const dry = await hookctl(['hooks', 'update', 'codearts:62', id, '--url', 'https://ci.example.com/moved', '--dry-run']);
    expect(dry.stderr).toContain(
      'secret: expected to be cleared (CodeArts Repo drops it when the URL changes; pass --secret-env or --secret-stdin to set one)',
    );
    const out = await hookctl(['hooks', 'update', 'codearts:62', id, '--url', 'https://ci.example.com/moved']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^secret: cleared by the provider$/m);
    const kept = await hookctl(['hooks', 'update', 'codearts:62', id, '--url', 'https://ci.example.com/again', '--secret-env', 'S'], { S: SECRET });
    expect(kept.stderr).toContain('secret: set to the new value');
  });
});

describe('Codeup Yunxiao update without a new secret', () => {
  const yunxiao = (args: string[]) => runBin(args, { env: { HOOKCTL_ENDPOINT: emu.url, CODEUP_TOKEN: env.CODEUP_TOKEN ?? '', S: SECRET } });
  const createOapi = async (target: string) => {
    const out = await yunxiao(['hooks', 'create', target, '--url', 'https://ci.example.com/h', '--secret-env', 'S', '--json']);
    expect(out.code, out.stderr).toBe(0);
    return JSON.parse(out.stdout).id as string;
  };
  const HOOK = '*/oapi/v1/codeup/organizations/:o/repositories/:r/webhooks/:h';
  // A Yunxiao that masks the token on reads (the docs do not say whether it does).
  const maskYunxiaoReads = () =>
    emu.server.use(
      http.get(HOOK, async ({ request }) => {
        const body = (await (await emu.emulator.handle(request)).json()) as Record<string, unknown>;
        return HttpResponse.json({ ...body, token: body.token ? '******' : body.token });
      }),
    );

  it('a token read back in clear is sent again: "secret: kept", and it stays', async () => {
    const id = await createOapi('codeup:ORG/71');
    const out = await yunxiao(['hooks', 'update', 'codeup:ORG/71', id, '--events', 'push,merge_request']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/^secret: kept$/m);
    expect(emu.emulator.store.snapshot().codeup['ORG/71']).toEqual([expect.objectContaining({ secretToken: SECRET })]);
  });

  it('a masked token is left out and read back: "secret: kept (checked)"', async () => {
    const id = await createOapi('codeup:ORG/73');
    maskYunxiaoReads();
    const out = await yunxiao(['hooks', 'update', 'codeup:ORG/73', id, '--events', 'push']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/^secret: kept \(checked\)$/m);
    expect(emu.emulator.store.snapshot().codeup['ORG/73']).toEqual([expect.objectContaining({ secretToken: SECRET })]);
  });

  it('a provider that drops the masked token on the PUT: "secret: cleared by the provider", exit 1', async () => {
    const id = await createOapi('codeup:ORG/72');
    maskYunxiaoReads();
    emu.server.use(
      http.put(HOOK, async ({ request }) => {
        const body = (await request.clone().json()) as Record<string, unknown>;
        return emu.emulator.handle(new Request(request.url, { method: 'PUT', headers: request.headers, body: JSON.stringify({ ...body, token: '' }) }));
      }),
    );
    const out = await yunxiao(['hooks', 'update', 'codeup:ORG/72', id, '--events', 'push']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^secret: cleared by the provider$/m);
    expect(out.stderr).not.toMatch(/secret: kept/);
    expect(`${out.stdout}${out.stderr}`).not.toContain(SECRET);
  });
});

describe('ServiceStage', () => {
  it('deleting an unknown hook id is exit 3', async () => {
    const out = await hookctl(['hooks', 'delete', 'servicestage:0123456789abcdef0123456789abcdef/ns/repo', '39999', '--yes']);
    expect(out.code).toBe(3);
    expect(out.stderr).toContain('no hook 39999 on ns/repo');
  });
});
