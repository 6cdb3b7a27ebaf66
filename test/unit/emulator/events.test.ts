import { describe, expect, it } from 'vitest';
import type { DeliverFn } from '../../../src/emulator/events.js';
import { createEmulator } from '../../../src/emulator/handle.js';

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

function setup(status = 200) {
  const sent: Sent[] = [];
  const deliver: DeliverFn = async (url, headers, body) => {
    sent.push({ url: url.href, headers, body: JSON.parse(body) });
    return { status, headers: { 'content-type': 'application/json' }, body: '{"received":true}' };
  };
  const emulator = createEmulator({ deliver });
  const now = '2026-01-02T03:04:05.000Z';
  const event = (payload: unknown) =>
    emulator
      .handle(new Request('http://emu.test/_emulator/events', { method: 'POST', body: JSON.stringify(payload) }))
      .then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));
  return { emulator, sent, event, now };
}

const codeupHook = (emulator: ReturnType<typeof createEmulator>, url: string, fields: Record<string, unknown> = {}) =>
  emulator.store.codeup.add('org/100', {
    id: emulator.store.nextCodeupId(),
    organizationId: 'org',
    projectId: 100,
    url,
    pushEvents: true,
    tagPushEvents: false,
    mergeRequestsEvents: false,
    noteEvents: false,
    enableSslVerification: true,
    secretToken: 'cu-secret',
    description: '',
    createdAt: '',
    updatedAt: '',
    lastTestResult: '',
    ...fields,
  });

const codeartsHook = (emulator: ReturnType<typeof createEmulator>, url: string, fields: Record<string, unknown> = {}) =>
  emulator.store.codearts.add('77', {
    id: emulator.store.nextCodeartsId(),
    groupId: '77',
    url,
    name: 'ci',
    description: '',
    pushEvents: true,
    pushEventsBranchRegexFilter: '^main$',
    tagPushEvents: false,
    mergeRequestsEvents: false,
    noteEvents: false,
    notePlainTextFilter: [],
    token: 'ca-secret',
    tokenType: 'X-Gitlab-Token',
    service: 'codehub',
    createdAt: '',
    updatedAt: '',
    ...fields,
  });

describe('POST /_emulator/events', () => {
  it('Codeup push: delivered with X-Codeup-Token and the event header; LastTestResult becomes ok', async () => {
    const { emulator, sent, event } = setup();
    codeupHook(emulator, 'http://127.0.0.1:9/a');
    codeupHook(emulator, 'http://127.0.0.1:9/tags-only', { pushEvents: false, tagPushEvents: true });
    const answer = await event({ target: 'codeup:org/100', event: 'push' });
    expect(answer.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers).toMatchObject({ 'X-Codeup-Token': 'cu-secret', 'X-Codeup-Event': 'Push Hook' });
    expect(sent[0]?.body).toMatchObject({ object_kind: 'push', ref: 'refs/heads/main' });
    expect(emulator.store.codeup.get('org/100', 10001)?.lastTestResult).toBe('ok');
    expect(emulator.store.codeup.get('org/100', 10002)?.lastTestResult).toBe('');
  });

  it('Codeup: a non-2xx answer sets LastTestResult to error', async () => {
    const { emulator, event } = setup(500);
    codeupHook(emulator, 'http://localhost:9/a');
    await event({ target: 'codeup:org/100', event: 'push' });
    expect(emulator.store.codeup.get('org/100', 10001)?.lastTestResult).toBe('error');
  });

  it("CodeArts: the token in the hook's token_type header, the branch filter applied, a log recorded with the token masked", async () => {
    const { emulator, sent, event } = setup();
    codeartsHook(emulator, 'http://127.0.0.1:9/a');
    const skipped = await event({ target: 'codearts:77', event: 'push', ref: 'dev' });
    expect((skipped.json.deliveries as unknown[]).length).toBe(0);
    const answer = await event({ target: 'codearts:77', event: 'push', ref: 'main' });
    expect(answer.json.deliveries).toEqual([expect.objectContaining({ hookId: '20001', status: 200, logId: 40001 })]);
    expect(sent[0]?.headers['X-Gitlab-Token']).toBe('ca-secret');
    const logs = emulator.store.codeartsLogs.get('20001') ?? [];
    expect(logs[0]).toMatchObject({
      id: 40001,
      responseStatus: '200',
      trigger: 'push',
      requestHeaders: { 'X-Gitlab-Token': '******' },
      responseBody: { received: true },
    });
    expect(logs[0]?.uuid).toBe(sent[0]?.body.uuid);
  });

  it('refuses to deliver beyond loopback, and says so per hook', async () => {
    const { emulator, sent, event } = setup();
    codeupHook(emulator, 'https://ci.example.com/h');
    codeupHook(emulator, 'http://10.0.0.5/h');
    const answer = await event({ target: 'codeup:org/100', event: 'push' });
    expect(sent).toHaveLength(0);
    expect(answer.json.deliveries).toEqual([
      expect.objectContaining({ hookId: '10001', refused: 'the emulator delivers to loopback addresses only' }),
      expect.objectContaining({ hookId: '10002', refused: 'the emulator delivers to loopback addresses only' }),
    ]);
  });

  it('ServiceStage: the hook type picks the Git host format (GitLab here)', async () => {
    const { emulator, sent, event } = setup();
    emulator.store.servicestage.add('p/ns/repo', {
      id: '30001',
      projectId: 'p',
      namespace: 'ns',
      project: 'repo',
      url: 'http://[::1]:9/h',
      secret: 'ss',
      type: 'GitLab',
      createdAt: '',
    });
    await event({ target: 'servicestage:p/ns/repo', event: 'note' });
    expect(sent[0]?.headers).toMatchObject({ 'X-Gitlab-Token': 'ss', 'X-Gitlab-Event': 'Note Hook' });
  });

  it('a bad event or target is a 400 with the rule', async () => {
    const { event } = setup();
    expect((await event({ target: 'codeup:org/100', event: 'release' })).status).toBe(400);
    expect((await event({ target: 'gitlab:1', event: 'push' })).json.message).toMatch(/hookctl target/);
  });
});
