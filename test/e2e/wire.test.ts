/**
 * What goes on the wire, request by request, checked against ../shared/providers: method, path,
 * query names, header names, JSON field names and value types. The emulator already refuses
 * malformed requests; this pins the exact shapes so a drift shows up as a readable diff.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C, emulatorEnv } from '../../src/emulator/credentials.js';
import { runMain } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import type { RecordedRequest } from '../helpers/msw-server.js';

const emu = useEmulator();
let env: Record<string, string>;

beforeAll(() => {
  env = { ...emulatorEnv(emu.url), S: 'wire-secret' };
});

const shape = (r: RecordedRequest) => {
  const url = new URL(r.url);
  const body = r.body ? (JSON.parse(r.body) as Record<string, unknown>) : undefined;
  return {
    method: r.method,
    path: url.pathname,
    query: [...url.searchParams.keys()].sort(),
    body: body && Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? 'array' : typeof v])),
  };
};

async function flow(target: string, createFlags: string[]) {
  const created = await runMain(['hooks', 'create', target, '--url', 'https://ci.example.com/h', ...createFlags, '--json'], { env });
  expect(created.stderr).toBe('');
  const id = JSON.parse(created.stdout).id as string;
  await runMain(['hooks', 'list', target], { env });
  await runMain(['hooks', 'delete', target, id, '--yes'], { env });
  return { id, requests: [...emu.server.requests] };
}

describe('wire shapes (shared/providers)', () => {
  it('Codeup v3: signed ROA calls with OrganizationId and AccessToken (codeup.md §1, §4b)', async () => {
    const { id, requests } = await flow('codeup:org1/100', ['--events', 'push,note', '--description', 'd', '--secret-env', 'S', '--no-ssl-verify']);
    expect(requests.map(shape)).toEqual([
      {
        method: 'POST',
        path: '/api/v3/projects/100/hooks',
        query: ['AccessToken', 'OrganizationId'],
        body: {
          url: 'string',
          push_events: 'boolean',
          tag_push_events: 'boolean',
          merge_requests_events: 'boolean',
          note_events: 'boolean',
          enable_ssl_verification: 'boolean',
          description: 'string',
          secret_token: 'string',
        },
      },
      { method: 'GET', path: '/api/v3/projects/100/hooks', query: ['AccessToken', 'OrganizationId', 'Page', 'PageSize'], body: undefined },
      { method: 'DELETE', path: `/api/v3/projects/100/hooks/${id}`, query: ['AccessToken', 'OrganizationId'], body: undefined },
    ]);
    const post = requests[0] as RecordedRequest;
    expect(post.headers).toMatchObject({
      'x-acs-action': 'AddWebhook',
      'x-acs-version': '2020-04-14',
      'content-type': 'application/json; charset=utf-8',
      'x-acs-signature-nonce': expect.any(String),
      'x-acs-signature-method': 'HMAC-SHA1',
      'x-acs-signature-version': '1.0',
      'x-acs-credentials-provider': 'static_ak',
      date: expect.stringMatching(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/),
      authorization: expect.stringMatching(/^acs LTAI5tEmulatorKey0001:[A-Za-z0-9+/]{27}=$/),
    });
    expect(post.headers['x-acs-date']).toBeUndefined(); // ACS3 only with codeup.signature: acs3
    expect(new URL(post.url).searchParams.get('AccessToken')).toBe(C.codeupToken);
    expect(JSON.parse(post.body)).toMatchObject({ push_events: true, note_events: true, tag_push_events: false, enable_ssl_verification: false });
    expect(requests[1]?.headers['x-acs-action']).toBe('ListRepositoryWebhook');
    expect(requests[2]?.headers['x-acs-action']).toBe('DeleteRepositoryWebhook');
  });

  it('CodeArts v4 group hooks: X-Auth-Token, offset/limit, the branch filter sent with push (codearts.md §2)', async () => {
    const { id, requests } = await flow('codearts:77', ['--name', 'ci', '--events', 'push,merge_request', '--note-filter', 'x', '--secret-env', 'S']);
    expect(requests.map(shape)).toEqual([
      {
        method: 'POST',
        path: '/v4/groups/77/hooks',
        query: [],
        body: {
          url: 'string',
          name: 'string',
          push_events: 'boolean',
          tag_push_events: 'boolean',
          merge_requests_events: 'boolean',
          note_events: 'boolean',
          push_events_branch_regex_filter: 'string',
          note_plain_text_filter: 'array',
          token: 'string',
          token_type: 'string',
        },
      },
      { method: 'GET', path: '/v4/groups/77/hooks', query: ['limit', 'offset'], body: undefined },
      { method: 'DELETE', path: `/v4/groups/77/hooks/${id}`, query: [], body: undefined },
    ]);
    expect(requests[0]?.headers).toMatchObject({ 'x-auth-token': C.huawei.iamToken, 'content-type': 'application/json;charset=UTF-8' });
    expect(JSON.parse(requests[0]?.body ?? '{}').push_events_branch_regex_filter).toBe('.*');
  });

  it('ServiceStage v1: X-Auth-Token + X-Repo-Auth, "/" in the project sent as ":" (servicestage.md §2-3)', async () => {
    const { id, requests } = await flow(`servicestage:${C.huawei.project.id}/team/group/repo`, ['--secret-env', 'S']);
    const base = `/v1/${C.huawei.project.id}/git/repos/team/group:repo/hooks`;
    expect(requests.map(shape)).toEqual([
      { method: 'POST', path: base, query: [], body: { url: 'string', secret: 'string' } },
      { method: 'GET', path: base, query: [], body: undefined },
      { method: 'DELETE', path: `${base}/${id}`, query: [], body: undefined },
    ]);
    for (const r of requests) {
      expect(r.headers).toMatchObject({
        'x-auth-token': C.huawei.iamToken,
        'x-repo-auth': C.servicestageRepoAuth,
        'content-type': 'application/json;charset=utf8',
      });
    }
  });
});
