import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as CREDS } from '../../../src/emulator/credentials.js';
import { createEmulator } from '../../../src/emulator/handle.js';
import { bodyOf, huaweiRequest, testClock } from './requests.js';

const HOOKS = '/v4/groups/1/hooks';
const SS_HOOKS = `/v1/${CREDS.huawei.project.id}/git/repos/ns/repo/hooks`;

function login(body: unknown, query = '?nocatalog=true'): Request {
  return huaweiRequest('POST', `/v3/auth/tokens${query}`, { body, auth: { none: true } });
}

const passwordBody = (password = CREDS.huawei.user.password, scope: unknown = { project: { name: 'cn-north-4' } }) => ({
  auth: {
    identity: {
      methods: ['password'],
      password: { user: { name: CREDS.huawei.user.name, password, domain: { name: CREDS.huawei.user.domainName } } },
    },
    scope,
  },
});

describe('Huawei gateway auth (CodeArts, ServiceStage) and IAM tokens', () => {
  it('refuses a missing or undecryptable token with APIG.0301 and the doc messages', async () => {
    const emulator = createEmulator();
    const none = await emulator.handle(huaweiRequest('GET', HOOKS, { auth: { none: true } }));
    expect(none.status).toBe(401);
    const noneBody = await bodyOf(none);
    expect(noneBody).toMatchObject({ error_code: 'APIG.0301' });
    expect(noneBody.error_msg).toContain('x-auth-token not found');
    expect(noneBody.request_id).toMatch(/^[0-9a-f]{32}$/);
    const bad = await emulator.handle(huaweiRequest('GET', HOOKS, { auth: { token: 'MIIbogus' } }));
    expect((await bodyOf(bad)).error_msg).toContain('decrypt token fail');
  });

  it('issues an IAM token (201, X-Subject-Token) that works until it expires', async () => {
    const clock = testClock();
    const emulator = createEmulator({ now: clock.now, tokenTtlMs: 60_000 });
    const res = await emulator.handle(login(passwordBody()));
    expect(res.status).toBe(201);
    const token = res.headers.get('x-subject-token') ?? '';
    expect(token.startsWith('MII')).toBe(true);
    const body = await bodyOf(res);
    expect(body.token).toMatchObject({
      issued_at: '2024-01-02T03:04:05.000000Z',
      expires_at: '2024-01-02T03:05:05.000000Z',
      project: { id: CREDS.huawei.project.id, name: 'cn-north-4', domain: { name: 'emulator-domain' } },
    });
    expect(body.token).not.toHaveProperty('catalog');
    expect(emulator.store.snapshot().iam.tokensIssued).toBe(1);

    expect((await emulator.handle(huaweiRequest('GET', HOOKS, { auth: { token } }))).status).toBe(200);
    clock.advance(60_000);
    const expired = await emulator.handle(huaweiRequest('GET', HOOKS, { auth: { token } }));
    expect(expired.status).toBe(401);
    expect((await bodyOf(expired)).error_msg).toContain('token expires, expires_at: 2024-01-02T03:05:05.000000Z');
  });

  it('defaults to a 24 h token and accepts a project id scope', async () => {
    const emulator = createEmulator({ now: testClock().now });
    const res = await emulator.handle(login(passwordBody(undefined, { project: { id: CREDS.huawei.project.id } }), ''));
    const body = await bodyOf(res);
    expect(body.token.expires_at).toBe('2024-01-03T03:04:05.000000Z');
    expect(body.token.catalog).toEqual([]);
  });

  it('refuses a wrong password (401), an unknown project (401) and a malformed body (400)', async () => {
    const emulator = createEmulator();
    const wrong = await emulator.handle(login(passwordBody('nope')));
    expect(wrong.status).toBe(401);
    expect(await bodyOf(wrong)).toMatchObject({ error: { code: 401, title: 'Unauthorized' } });
    expect((await emulator.handle(login(passwordBody(undefined, { project: { name: 'cn-south-1' } })))).status).toBe(401);
    expect((await emulator.handle(login({ auth: {} }))).status).toBe(400);
    expect(emulator.store.snapshot().iam.tokensIssued).toBe(0);
  });

  it('accepts a valid AK/SK signature and refuses a bad one', async () => {
    const emulator = createEmulator({ now: testClock().now });
    expect((await emulator.handle(huaweiRequest('GET', HOOKS, { auth: {} }))).status).toBe(200);
    const bad = await emulator.handle(huaweiRequest('GET', HOOKS, { auth: { secretKey: 'wrong' } }));
    expect(bad.status).toBe(401);
    expect((await bodyOf(bad)).error_msg).toContain('verify aksk signature fail');
  });

  it('locks an AK for 5 minutes after more than 5 consecutive signature failures', async () => {
    const clock = testClock();
    const emulator = createEmulator({ now: clock.now });
    const bad = () => emulator.handle(huaweiRequest('GET', HOOKS, { auth: { secretKey: 'wrong', now: clock.now() } }));
    const good = () =>
      emulator.handle(
        huaweiRequest('GET', SS_HOOKS, {
          auth: { now: clock.now() },
          headers: { 'x-repo-auth': CREDS.servicestageRepoAuth },
        }),
      );
    for (let i = 0; i < 5; i++) expect((await bodyOf(await bad())).error_msg).toContain('signature fail');
    expect((await good()).status).toBe(200); // a success resets the count
    for (let i = 0; i < 5; i++) await bad();
    const sixth = await bad();
    expect(sixth.status).toBe(401);
    expect((await bodyOf(sixth)).error_msg).toContain('locked');
    const refused = await good();
    expect(refused.status).toBe(401);
    expect((await bodyOf(refused)).error_msg).toContain('locked');
    expect(emulator.store.snapshot().akFailures[CREDS.huawei.accessKey]?.lockedUntil).toBe('2024-01-02T03:09:05.000Z');
    clock.advance(5 * 60_000);
    expect((await good()).status).toBe(200);
    // Tokens are unaffected by an AK lockout.
    expect((await emulator.handle(huaweiRequest('GET', HOOKS))).status).toBe(200);
  });
});
