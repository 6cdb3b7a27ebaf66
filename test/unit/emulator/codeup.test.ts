import { beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as CREDS } from '../../../src/emulator/credentials.js';
import { createEmulator, type Emulator } from '../../../src/emulator/handle.js';
import { bodyOf, codeupRequest, START, testClock } from './requests.js';

const ORG = '60811b5eed6e867404f6aaaa';
const HOOKS = '/api/v3/projects/100/hooks';
const q = (extra: Record<string, string> = {}) => ({ OrganizationId: ORG, ...extra });

describe('Codeup v3 emulation', () => {
  let emulator: Emulator;
  beforeEach(() => {
    emulator = createEmulator({ now: testClock().now });
  });

  const add = (body: unknown, query = q()) => emulator.handle(codeupRequest('POST', HOOKS, { action: 'AddWebhook', query, body }));
  const list = (query: Record<string, string> = q()) => emulator.handle(codeupRequest('GET', HOOKS, { action: 'ListRepositoryWebhook', query }));

  it('creates a hook with documented defaults and the PascalCase envelope', async () => {
    const res = await add({ url: 'https://example.com/hook', secret_token: 's3cret', description: '部署' });
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    expect(body).toMatchObject({ Success: true, ErrorCode: '', ErrorMessage: '' });
    expect(body.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(body.Result).toEqual({
      Id: 10001,
      ProjectId: 100,
      Url: 'https://example.com/hook',
      PushEvents: true,
      TagPushEvents: false,
      MergeRequestsEvents: false,
      NoteEvents: false,
      EnableSslVerification: true,
      SecretToken: 's3cret',
      Description: '部署',
      CreatedAt: '2024-01-02T11:04:05.000+08:00',
      LastTestResult: '',
      BuildEvents: false,
      IssuesEvents: false,
    });
    expect(emulator.store.snapshot().codeup[`${ORG}/100`]).toHaveLength(1);
  });

  it('validates the body: url required and http(s), booleans typed', async () => {
    for (const bad of [{}, { url: 'ftp://x' }, { url: 'https://x', push_events: 'yes' }]) {
      const res = await add(bad);
      expect(res.status).toBe(400);
      const body = await bodyOf(res);
      expect(body).toMatchObject({ Success: false, ErrorCode: 'SYSTEM_INVALID_PARAM_ERROR' });
      expect(body.ErrorMessage).toMatch(/url|push_events/);
    }
  });

  it('lists with Page/PageSize, Total and the PageSize range', async () => {
    for (let i = 0; i < 5; i++) await add({ url: `https://example.com/${i}` });
    const page2 = await bodyOf(await list(q({ Page: '2', PageSize: '2' })));
    expect(page2.Total).toBe(5);
    expect(page2.Result.map((h: { Url: string }) => h.Url)).toEqual(['https://example.com/2', 'https://example.com/3']);
    expect((await bodyOf(await list())).Result).toHaveLength(5);
    for (const size of ['0', '101', 'x']) expect((await list(q({ PageSize: size }))).status).toBe(400);
    expect((await list(q({ Page: '0' }))).status).toBe(400);
  });

  it('deletes a hook, returning it; an unknown id is NOT_FOUND 404', async () => {
    const created = await bodyOf(await add({ url: 'https://example.com/hook' }));
    const del = (id: number) => emulator.handle(codeupRequest('DELETE', `${HOOKS}/${id}`, { action: 'DeleteRepositoryWebhook', query: q() }));
    const res = await del(created.Result.Id);
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).Result.Id).toBe(created.Result.Id);
    const again = await del(created.Result.Id);
    expect(again.status).toBe(404);
    expect(await bodyOf(again)).toMatchObject({ Success: false, ErrorCode: 'NOT_FOUND' });
  });

  it('scopes hooks by organization and repository', async () => {
    await add({ url: 'https://example.com/a' });
    const other = await bodyOf(await list({ OrganizationId: 'another-org' }));
    expect(other.Total).toBe(0);
  });

  it('requires OrganizationId and a known AccessToken when one is given', async () => {
    const missing = await list({});
    expect(missing.status).toBe(400);
    expect(await bodyOf(missing)).toMatchObject({ Code: 'MissingOrganizationId' });
    expect((await list(q({ AccessToken: CREDS.codeupToken }))).status).toBe(200);
    const wrong = await list(q({ AccessToken: 'pt-wrong' }));
    expect(wrong.status).toBe(401);
    expect(await bodyOf(wrong)).toMatchObject({ Success: false, ErrorCode: 'SYSTEM_UNAUTHORIZED_ERROR' });
  });

  it('answers signature failures with the POP gateway body', async () => {
    const unsigned = await emulator.handle(codeupRequest('GET', HOOKS, { action: 'ListRepositoryWebhook', query: q(), unsigned: true }));
    expect(unsigned.status).toBe(400);
    const body = await bodyOf(unsigned);
    expect(Object.keys(body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(body.Code).toBe('IncompleteSignature');

    const badSecret = await emulator.handle(codeupRequest('GET', HOOKS, { action: 'ListRepositoryWebhook', query: q(), accessKeySecret: 'nope' }));
    expect((await bodyOf(badSecret)).Code).toBe('SignatureDoesNotMatch');

    const stale = new Date(START.getTime() - 16 * 60_000);
    const expired = await emulator.handle(codeupRequest('GET', HOOKS, { action: 'ListRepositoryWebhook', query: q(), now: stale }));
    expect((await bodyOf(expired)).Code).toBe('InvalidTimeStamp.Expired');
  });

  it('requires the matching x-acs-action and x-acs-version', async () => {
    const wrongAction = await emulator.handle(codeupRequest('GET', HOOKS, { action: 'AddWebhook', query: q() }));
    expect(wrongAction.status).toBe(404);
    expect((await bodyOf(wrongAction)).Code).toBe('InvalidAction.NotFound');
    const wrongVersion = await emulator.handle(codeupRequest('GET', HOOKS, { action: 'ListRepositoryWebhook', query: q(), version: '2021-06-25' }));
    expect(wrongVersion.status).toBe(400);
    expect((await bodyOf(wrongVersion)).Code).toBe('InvalidVersion');
  });
});
