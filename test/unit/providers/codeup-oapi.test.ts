/**
 * What the Yunxiao OpenAPI adapter and the Codeup mode choice do beyond the shared contract:
 * when paging stops, how each documented error answer maps to an exit-code class, and which API
 * a given set of credentials selects. A scripted in-process transport stands in for the server.
 */
import { describe, expect, it } from 'vitest';
import { AuthError, NotFoundError, ProviderError } from '../../../src/errors.js';
import { Redactor } from '../../../src/http/redact.js';
import type { HttpRequest, HttpResponse } from '../../../src/http/types.js';
import { Secret } from '../../../src/model/secret.js';
import { createCodeupOapiProvider } from '../../../src/providers/codeup-oapi/adapter.js';

const TARGET = { provider: 'codeup', organizationId: 'org1', projectId: '100' } as const;
const TOKEN = 'pt-unit-test-token';

function scripted(answers: HttpResponse[]) {
  const seen: HttpRequest[] = [];
  const transport = async (req: HttpRequest): Promise<HttpResponse> => {
    seen.push(req);
    const next = answers.shift();
    if (!next) throw new Error(`unexpected request ${req.method} ${req.url.href}`);
    return next;
  };
  const provider = createCodeupOapiProvider(
    { endpoint: new URL('https://openapi-rdc.aliyuncs.com'), token: new Secret(TOKEN), pageSize: 2 },
    { transport, redactor: new Redactor(), now: () => new Date(0), nonce: () => 'n' },
  );
  return { provider, seen };
}

const reply = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: new TextEncoder().encode(JSON.stringify(body)),
});
const hook = (id: number) => ({ id, url: `https://ci.example.com/${id}`, pushEvents: true });

async function ids(provider: ReturnType<typeof scripted>['provider']): Promise<string[]> {
  const out: string[] = [];
  for await (const h of provider.list(TARGET)) out.push(h.id);
  return out;
}

describe('Codeup oapi adapter: paging', () => {
  it('sends page/perPage and the token header, and stops at an empty x-next-page even on a full page', async () => {
    const { provider, seen } = scripted([reply(200, [hook(1), hook(2)], { 'x-next-page': '2' }), reply(200, [hook(3), hook(4)], { 'x-next-page': '' })]);
    expect(await ids(provider)).toEqual(['1', '2', '3', '4']);
    expect(seen.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual([
      '/oapi/v1/codeup/organizations/org1/repositories/100/webhooks?page=1&perPage=2',
      '/oapi/v1/codeup/organizations/org1/repositories/100/webhooks?page=2&perPage=2',
    ]);
    expect(seen[0]?.headers['x-yunxiao-token']).toBe(TOKEN);
  });

  it('without pagination headers, a short page is the last', async () => {
    const { provider, seen } = scripted([reply(200, [hook(1), hook(2)]), reply(200, [hook(3)])]);
    expect(await ids(provider)).toEqual(['1', '2', '3']);
    expect(seen).toHaveLength(2);
  });
});

describe('Codeup oapi adapter: error answers', () => {
  it.each([
    [401, 'InvalidTokenError', AuthError, /CODEUP_TOKEN or ALIBABA_CLOUD_YUNXIAO_ACCESS_TOKEN/],
    [401, 'ExpiredTokenError', AuthError, /expired/],
    [400, 'UnsupportedCurrentTokenType', AuthError, /personal access token/],
    [403, 'Forbidden.InvalidUser.UserNotInCurrentOrganization', AuthError, /not a member/],
    [403, 'Forbidden', AuthError, /may not manage/],
    [404, 'NotFound', NotFoundError, undefined],
    [429, 'TooManyRequests', ProviderError, undefined],
    [400, 'BadRequest', ProviderError, undefined],
  ] as const)('HTTP %i %s → %o', async (status, errorCode, kind, hint) => {
    const { provider } = scripted([reply(status, { errorCode, errorMessage: 'm' }, { 'x-request-id': 'req-9' })]);
    const error = await provider.get(TARGET, '7').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toContain(errorCode);
    expect((error as Error).message).toContain('req-9');
    if (hint) expect((error as AuthError).hint).toMatch(hint);
    expect(JSON.stringify({ m: (error as Error).message, h: (error as AuthError).hint })).not.toContain(TOKEN);
  });

  it('keeps errorDescription, and the code and request id, in a ProviderError', async () => {
    const { provider } = scripted([
      reply(500, { errorCode: 'InternalServerError', errorMessage: 'failed', errorDescription: 'database busy' }, { 'x-request-id': 'req-1' }),
    ]);
    const error = (await provider.delete(TARGET, '7').catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.info).toMatchObject({ status: 500, providerCode: 'InternalServerError', providerMessage: 'failed: database busy', requestId: 'req-1' });
  });

  it('refuses to start without a token, naming both variables', () => {
    const make = () =>
      createCodeupOapiProvider(
        { endpoint: new URL('https://x.invalid') },
        { transport: async () => reply(200, []), redactor: new Redactor(), now: () => new Date(0), nonce: () => 'n' },
      );
    const error = (() => {
      try {
        make();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).hint).toContain('CODEUP_TOKEN or ALIBABA_CLOUD_YUNXIAO_ACCESS_TOKEN');
  });
});
