/**
 * Codeup v3 requests, byte for byte against the official client. Both hookctl and
 * @alicloud/openapi-client 0.4.15 (the runtime of @alicloud/codeup20200414, which is not on the npm
 * registry) are pointed at one loopback capture server with the same clock, nonce and credentials,
 * and the raw requests (method, path + query, every header, body) are compared.
 *
 * What is copied from the generated client (aliyun/alibabacloud-typescript-sdk
 * codeup-20200414/src/client.ts at 80196fd7636524eedec15ad3c6fd81a66b6e5cc4), as facts:
 * - the constructor sets `_signatureAlgorithm = "v2"` and `_endpointRule = ""`;
 * - listRepositoryWebhookWithOptions: query AccessToken, OrganizationId, Page, PageSize (in that
 *   order, through OpenApiUtil.query), pathname `/api/v3/projects/${getEncodeParam(ProjectId)}/hooks`, GET;
 * - addWebhookWithOptions: query AccessToken, OrganizationId, same pathname, POST. The generated
 *   AddWebhookRequest has no body fields at all, so the hook is passed as `body` the way the
 *   generated JSON-body ROA operations do (createBranchWithOptions: `body: OpenApiUtil.parseToMap(body)`);
 * - deleteRepositoryWebhookWithOptions: query AccessToken, OrganizationId, pathname
 *   `/api/v3/projects/${getEncodeParam(ProjectId)}/hooks/${getEncodeParam(WebhookId)}`, DELETE;
 * - listRepositoriesWithOptions (discovery): query AccessToken, …, OrganizationId, Page, PageSize, …,
 *   pathname `/api/v3/projects/all`, GET;
 * - every operation: version "2020-04-14", protocol "HTTPS", authType "AK", style "ROA",
 *   reqBodyType "json", bodyType "json", empty headers, `new $Util.RuntimeOptions({})`.
 * The generated client's only own code on these paths is that parameter building; callApi and the
 * signing are openapi-client's, run here unchanged.
 *
 * Differences that are the HTTP layer's, not the request's (Node http via httpx there, undici
 * here): connection / transfer-encoding / content-length framing headers, and where Host sits in the
 * header order. The user agent names the program (tea-util's default there, hookctl's here) and is
 * not signed; the test gives the official client hookctl's so the whole header list can be compared.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAlibabaRequest } from '../../../src/emulator/verify-alibaba.js';
import { Redactor } from '../../../src/http/redact.js';
import { createUndiciTransport } from '../../../src/http/transport.js';
import type { HookSpec } from '../../../src/model/hook.js';
import { Secret } from '../../../src/model/secret.js';
import { createCodeupV3Provider } from '../../../src/providers/codeup-v3/adapter.js';
import { toWire } from '../../../src/providers/codeup-v3/mapping.js';
import type { Provider } from '../../../src/providers/types.js';

const requireHere = createRequire(import.meta.url);
// The modules exactly as openapi-client resolves them (it pins its own tea-util).
const requireClient = createRequire(requireHere.resolve('@alicloud/openapi-client'));
const $OpenApi = requireClient('@alicloud/openapi-client');
const OpenApiUtil = requireClient('@alicloud/openapi-util').default;
const TeaUtil = requireClient('@alicloud/tea-util');

const NOW = new Date('2024-01-02T03:04:05Z');
const NONCE = '3f1e2d4c5b6a79881726354453627180';
const AK = 'LTAI-official-compare';
const SK = 'official-compare-secret';
const STS = 'STS.official-compare-token';
const TOKEN = 'pt-official-compare';
const USER_AGENT = 'hookctl';

interface Captured {
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body: string;
}

const captured: Captured[] = [];
let server: Server;
let port: number;

function answer(req: IncomingMessage): unknown {
  if (req.method === 'POST') return { RequestId: 'r', Success: true, Result: { Id: 7, Url: 'https://ci.example.com/hook' } };
  if (req.method === 'DELETE') return { RequestId: 'r', Success: true, Result: true };
  return { RequestId: 'r', Success: true, Total: 0, Result: [] };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Array<[string, string]> = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
      captured.push({ method: req.method ?? '', target: req.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(req)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

interface Case {
  name: string;
  securityToken?: string;
  token?: string;
  organizationId: string;
  projectId: string;
  /** A pattern's organization id is a plain segment (codeup/target.ts), so discovery gets its own. */
  patternOrganizationId: string;
}

const CASES: Case[] = [
  { name: 'AccessKey pair', organizationId: '60811b5eed6e867404f6abcd', projectId: '100', patternOrganizationId: '60811b5eed6e867404f6abcd' },
  {
    name: 'STS + AccessToken, a project id and organization that need encoding',
    securityToken: STS,
    token: TOKEN,
    organizationId: "org 一&=+!'()~",
    projectId: "group/repo'1 !*",
    patternOrganizationId: 'org-2.discovery_x',
  },
];

const SPEC: HookSpec = {
  url: 'https://ci.example.com/hook?x=1&y=部署',
  events: ['push', 'merge_request'],
  description: '钩子 "ci"',
  secret: new Secret('s3cr3t'),
};

/** The generated client, as far as the signing goes: OpenApi with its constructor's two settings. */
function officialClient(c: Case): { callApi(params: unknown, req: unknown, runtime: unknown): Promise<unknown> } {
  const config = new $OpenApi.Config({ accessKeyId: AK, accessKeySecret: SK, securityToken: c.securityToken, endpoint: `127.0.0.1:${port}`, protocol: 'http' });
  const client = new $OpenApi.default(config);
  client._signatureAlgorithm = 'v2';
  client._endpointRule = '';
  return client;
}

function roaParams(action: string, method: string, pathname: string): unknown {
  return new $OpenApi.Params({
    action,
    version: '2020-04-14',
    protocol: 'HTTPS',
    pathname,
    method,
    authType: 'AK',
    style: 'ROA',
    reqBodyType: 'json',
    bodyType: 'json',
  });
}

/** The query as a generated operation builds it: only set members, in the generated order. */
function query(members: Array<[string, unknown]>): unknown {
  return OpenApiUtil.query(Object.fromEntries(members.filter(([, v]) => v !== undefined)));
}

async function official(c: Case, run: (client: ReturnType<typeof officialClient>, runtime: unknown) => Promise<unknown>): Promise<Captured> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  vi.spyOn(TeaUtil.default, 'getNonce').mockReturnValue(NONCE);
  vi.spyOn(TeaUtil.default, 'getUserAgent').mockReturnValue(USER_AGENT);
  const before = captured.length;
  try {
    await run(officialClient(c), new TeaUtil.RuntimeOptions({}));
  } finally {
    vi.useRealTimers();
  }
  expect(captured.length).toBe(before + 1);
  return captured[before] as Captured;
}

async function hookctl(c: Case, run: (provider: Provider) => Promise<unknown>): Promise<Captured> {
  const provider = createCodeupV3Provider(
    {
      endpoint: new URL(`http://127.0.0.1:${port}`),
      accessKeyId: AK,
      accessKeySecret: new Secret(SK),
      securityToken: c.securityToken === undefined ? undefined : new Secret(c.securityToken),
      token: c.token === undefined ? undefined : new Secret(c.token),
      pageSize: 100,
    },
    { transport: createUndiciTransport({ timeoutMs: 5000 }), redactor: new Redactor(), now: () => NOW, nonce: () => NONCE },
  );
  const before = captured.length;
  await run(provider);
  expect(captured.length).toBe(before + 1);
  return captured[before] as Captured;
}

const FRAMING = new Set(['connection', 'transfer-encoding', 'content-length', 'host']);

/** The request minus HTTP-layer framing; Host compared by value, not position. */
function comparable(r: Captured) {
  const lower = r.headers.map(([n, v]): [string, string] => [n.toLowerCase(), v]);
  return {
    method: r.method,
    target: r.target,
    host: lower.filter(([n]) => n === 'host'),
    headers: lower.filter(([n]) => !FRAMING.has(n)),
    body: r.body,
  };
}

/** The captured request handed to the emulator's independent verifier. */
function verifies(r: Captured): ReturnType<typeof verifyAlibabaRequest> {
  const request = {
    method: r.method,
    url: new URL(r.target, `http://127.0.0.1:${port}`),
    headers: Object.fromEntries(r.headers.map(([n, v]) => [n.toLowerCase(), v])),
    body: new TextEncoder().encode(r.body),
  };
  return verifyAlibabaRequest(request, (id) => (id === AK ? SK : undefined), NOW);
}

const enc = (s: string): string => OpenApiUtil.getEncodeParam(s);

describe.each(CASES)('Codeup v3 against the official client: $name', (c) => {
  const target = { provider: 'codeup' as const, organizationId: c.organizationId, projectId: c.projectId };

  async function compare(officialRequest: Captured, ours: Captured): Promise<void> {
    expect(comparable(ours)).toEqual(comparable(officialRequest));
    expect(officialRequest.headers.find(([n]) => n === 'authorization')?.[1]).toMatch(/^acs LTAI-official-compare:[A-Za-z0-9+/]{27}=$/);
    expect(verifies(officialRequest)).toEqual({ ok: true, accessKeyId: AK });
    expect(verifies(ours)).toEqual({ ok: true, accessKeyId: AK });
  }

  it('ListRepositoryWebhook', async () => {
    const theirs = await official(c, (client, runtime) =>
      client.callApi(
        roaParams('ListRepositoryWebhook', 'GET', `/api/v3/projects/${enc(c.projectId)}/hooks`),
        new $OpenApi.OpenApiRequest({
          headers: {},
          query: query([
            ['AccessToken', c.token],
            ['OrganizationId', c.organizationId],
            ['Page', 1],
            ['PageSize', 100],
          ]),
        }),
        runtime,
      ),
    );
    const ours = await hookctl(c, async (p) => {
      for await (const _ of p.list(target));
    });
    await compare(theirs, ours);
  });

  it('AddWebhook (CreateRepositoryWebhook), with a JSON body', async () => {
    const theirs = await official(c, (client, runtime) =>
      client.callApi(
        roaParams('AddWebhook', 'POST', `/api/v3/projects/${enc(c.projectId)}/hooks`),
        new $OpenApi.OpenApiRequest({
          headers: {},
          query: query([
            ['AccessToken', c.token],
            ['OrganizationId', c.organizationId],
          ]),
          body: OpenApiUtil.parseToMap(toWire(SPEC)),
        }),
        runtime,
      ),
    );
    const ours = await hookctl(c, (p) => p.create(target, SPEC));
    expect(ours.body).toBe(JSON.stringify(toWire(SPEC)));
    await compare(theirs, ours);
  });

  it('DeleteRepositoryWebhook', async () => {
    const hookId = '7 /8';
    const theirs = await official(c, (client, runtime) =>
      client.callApi(
        roaParams('DeleteRepositoryWebhook', 'DELETE', `/api/v3/projects/${enc(c.projectId)}/hooks/${enc(hookId)}`),
        new $OpenApi.OpenApiRequest({
          headers: {},
          query: query([
            ['AccessToken', c.token],
            ['OrganizationId', c.organizationId],
          ]),
        }),
        runtime,
      ),
    );
    const ours = await hookctl(c, (p) => p.delete(target, hookId));
    await compare(theirs, ours);
  });

  it('ListRepositories (discovery for codeup:<org>/*)', async () => {
    const theirs = await official(c, (client, runtime) =>
      client.callApi(
        roaParams('ListRepositories', 'GET', '/api/v3/projects/all'),
        new $OpenApi.OpenApiRequest({
          headers: {},
          query: query([
            ['AccessToken', c.token],
            ['OrganizationId', c.patternOrganizationId],
            ['Page', 1],
            ['PageSize', 100],
          ]),
        }),
        runtime,
      ),
    );
    const ours = await hookctl(c, async (p) => {
      for await (const _ of p.expand?.(`codeup:${c.patternOrganizationId}/*`) ?? []);
    });
    await compare(theirs, ours);
  });
});
