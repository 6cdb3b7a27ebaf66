/**
 * The real bin/hookctl.js against the emulator with nothing but a Yunxiao personal token: no
 * AccessKey pair, no --codeup-mode. hookctl must pick the Yunxiao OpenAPI by itself, update in
 * place (the id stays), never print the token, and exit 4 when the token is wrong.
 */
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
const SECRET = 'e2e-oapi-hook-secret-81c4';
const TARGET = 'codeup:ORG/100';

const hookctl = (args: string[], token = C.codeupToken) => runBin(args, { env: { HOOKCTL_ENDPOINT: emu.url, CODEUP_TOKEN: token, S: SECRET } });

const expectNoSecrets = (out: { stdout: string; stderr: string }) => {
  for (const s of [SECRET, C.codeupToken]) {
    expect(out.stdout).not.toContain(s);
    expect(out.stderr).not.toContain(s);
  }
};

describe('Codeup with only a personal token (Yunxiao OpenAPI)', () => {
  it('create, list --json, update in place, get, delete: exit 0, secret masked, token never shown', async () => {
    const created = await hookctl(['hooks', 'create', TARGET, '--url', 'https://ci.example.com/h', '--events', 'push,tag_push', '--secret-env', 'S', '--json']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const hook = JSON.parse(created.stdout);
    expect(hook).toMatchObject({ target: TARGET, url: 'https://ci.example.com/h', events: ['push', 'tag_push'], secret: '******' });
    // The token went in x-yunxiao-token to the oapi path; no v3 request, no signature.
    expect(emu.server.requests.map((r) => new URL(r.url).pathname)).toEqual(['/oapi/v1/codeup/organizations/ORG/repositories/100/webhooks']);
    expect(emu.server.requests[0]?.headers['x-yunxiao-token']).toBe(C.codeupToken);
    expect(JSON.parse(emu.server.requests[0]?.body ?? '{}')).toMatchObject({ token: SECRET, pushEvents: true, tagPushEvents: true });

    const listed = await hookctl(['hooks', 'list', TARGET, '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: hook.id, url: 'https://ci.example.com/h', secret: '******' })]);

    const updated = await hookctl(['hooks', 'update', TARGET, hook.id, '--url', 'https://ci.example.com/moved', '--events', 'merge_request', '--json']);
    expect(updated.code).toBe(0);
    const after = JSON.parse(updated.stdout);
    expect(after).toMatchObject({ id: hook.id, url: 'https://ci.example.com/moved', events: ['merge_request'], secret: '******' });
    expect(after).not.toHaveProperty('replacedId');
    expect(updated.stderr).not.toContain('id changed');
    expect(emu.server.requests.some((r) => r.method === 'PUT' && r.url.endsWith(`/webhooks/${hook.id}`))).toBe(true);

    const got = await hookctl(['hooks', 'get', TARGET, hook.id, '-o', 'yaml']);
    expect(got.code).toBe(0);
    expect(got.stdout).toContain(`id: "${hook.id}"`);
    expect(got.stdout).toContain('url: https://ci.example.com/moved');

    const deleted = await hookctl(['hooks', 'delete', TARGET, hook.id, '--yes']);
    expect(deleted.code).toBe(0);
    expect((await hookctl(['hooks', 'list', TARGET, '--json'])).stdout.trim()).toBe('[]');
    for (const out of [created, listed, updated, got, deleted]) expectNoSecrets(out);
  });

  it('--debug says the mode was chosen automatically, with the token masked', async () => {
    const out = await hookctl(['hooks', 'list', TARGET, '--debug']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('mode oapi (automatic: a personal token (env CODEUP_TOKEN) and no AccessKey pair)');
    expect(out.stderr).toContain('x-yunxiao-token: ******');
    expectNoSecrets(out);
  });

  it('a wrong token exits 4 with a hint naming the variables, and prints no token', async () => {
    const out = await hookctl(['hooks', 'list', TARGET, '--json'], 'pt-wrong-token-0000');
    expect(out.code).toBe(4);
    expect(out.stdout).toBe('');
    const error = JSON.parse(out.stderr.trim().split('\n').at(-1) ?? '{}').error;
    expect(error).toMatchObject({ code: 'auth', message: expect.stringContaining('InvalidTokenError') });
    expect(error.hint).toContain('CODEUP_TOKEN');
    expect(out.stderr).not.toContain('pt-wrong-token-0000');
    expectNoSecrets(out);
  });
});
