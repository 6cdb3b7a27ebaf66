import { describe, expect, it } from 'vitest';
import { verifyAlibabaRequest } from '../../../src/emulator/verify-alibaba.js';
import { verifyHuaweiRequest } from '../../../src/emulator/verify-huawei.js';
import { createAlibabaAcs3Auth } from '../../../src/http/auth/alibaba-sign.js';
import { composeAuth } from '../../../src/http/auth/compose.js';
import { createHeaderTokenAuth } from '../../../src/http/auth/header-token.js';
import { createHuaweiAkskAuth } from '../../../src/http/auth/huawei-sign.js';
import { createQueryTokenAuth } from '../../../src/http/auth/query-token.js';
import { canonicalQueryString, encodePathSegments, normalizeQueryEncoding, percentEncode } from '../../../src/http/auth/signing.js';
import type { AuthStep, HttpRequest } from '../../../src/http/types.js';
import { Secret } from '../../../src/model/secret.js';

const NOW = new Date('2024-01-02T03:04:05Z');
const AK = 'LTAI-test-key-id';
const SK = 'acs3-secret-for-compose-tests';
const ACCESS_TOKEN = 'pt-codeup-access-token-value';

const request = (): HttpRequest => ({
  method: 'GET',
  url: new URL('https://codeup.cn-hangzhou.aliyuncs.com/api/v3/projects/100/hooks?OrganizationId=org1'),
  headers: { 'x-acs-action': 'ListRepositoryWebhook', 'x-acs-version': '2020-04-14' },
});

const acs3 = (): AuthStep => createAlibabaAcs3Auth({ accessKeyId: AK, accessKeySecret: new Secret(SK) }, { now: () => NOW, nonce: () => 'n-1' });

const asServer = (r: HttpRequest) => ({ ...r, body: r.body ?? new Uint8Array() });
const lookup = (ak: string): string | undefined => (ak === AK ? SK : undefined);

describe('createHeaderTokenAuth', () => {
  it('sets one lower-case header in authorize and preview', async () => {
    const step = createHeaderTokenAuth('X-Auth-Token', new Secret('iam-token'), 'x-auth-token');
    const a = request();
    await step.authorize(a);
    const b = request();
    step.preview(b);
    expect(a.headers['x-auth-token']).toBe('iam-token');
    expect(b.headers).toEqual(a.headers);
    expect(step.name).toBe('x-auth-token');
    expect(step.secrets()).toEqual(['iam-token']);
    expect(step.renew).toBeUndefined();
  });

  it('reports no secrets for an empty token (nothing to scrub)', () => {
    expect(createHeaderTokenAuth('x-yunxiao-token', new Secret(''), 'yunxiao').secrets()).toEqual([]);
  });
});

describe('createQueryTokenAuth', () => {
  it('sets (not appends) one query parameter', async () => {
    const step = createQueryTokenAuth('AccessToken', new Secret(ACCESS_TOKEN), 'codeup-access-token');
    const r = request();
    r.url.searchParams.set('AccessToken', 'old');
    await step.authorize(r);
    expect(r.url.searchParams.getAll('AccessToken')).toEqual([ACCESS_TOKEN]);
    expect(r.url.searchParams.get('OrganizationId')).toBe('org1');
    expect(step.name).toBe('codeup-access-token');
    expect(step.secrets()).toEqual([ACCESS_TOKEN]);
  });
});

describe('composeAuth', () => {
  const codeupV3 = (): AuthStep => composeAuth(createQueryTokenAuth('AccessToken', new Secret(ACCESS_TOKEN), 'access-token'), acs3());

  it('runs steps in order, so the ACS3 signature covers the AccessToken query (Codeup v3)', async () => {
    const r = request();
    await codeupV3().authorize(r);
    expect(r.url.searchParams.get('AccessToken')).toBe(ACCESS_TOKEN);
    expect(verifyAlibabaRequest(asServer(r), lookup, NOW)).toEqual({ ok: true, accessKeyId: AK });

    r.url.searchParams.set('AccessToken', 'someone-elses-token');
    expect(verifyAlibabaRequest(asServer(r), lookup, NOW)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
  });

  it('signing before adding the query token is rejected (why the order matters)', async () => {
    const r = request();
    await composeAuth(acs3(), createQueryTokenAuth('AccessToken', new Secret(ACCESS_TOKEN), 'access-token')).authorize(r);
    expect(verifyAlibabaRequest(asServer(r), lookup, NOW)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
  });

  it('preview runs every step offline and matches authorize', async () => {
    const a = request();
    const b = request();
    const step = codeupV3();
    await step.authorize(a);
    step.preview(b);
    expect(b.url.href).toBe(a.url.href);
    expect(b.headers).toEqual(a.headers);
  });

  it('joins names and secrets, and has no renew when no part can renew', () => {
    const step = codeupV3();
    expect(step.name).toBe('access-token+alibaba-acs3');
    expect(step.secrets()).toEqual([ACCESS_TOKEN, SK]);
    expect(step.renew).toBeUndefined();
  });

  it('renew asks every renewable step and is true if any renewed', async () => {
    const calls: string[] = [];
    const renewing = (name: string, result: boolean): AuthStep => ({
      name,
      authorize: async () => {},
      preview: () => {},
      secrets: () => [],
      renew: async () => {
        calls.push(name);
        return result;
      },
    });
    const both = composeAuth(renewing('a', true), acs3(), renewing('b', false));
    expect(await both.renew?.()).toBe(true);
    expect(calls).toEqual(['a', 'b']);
    expect(await composeAuth(renewing('c', false), renewing('d', false)).renew?.()).toBe(false);
  });

  it('awaits each step before the next', async () => {
    const order: string[] = [];
    const slow: AuthStep = {
      name: 'slow',
      authorize: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push('slow');
      },
      preview: () => {},
      secrets: () => [],
    };
    const fast: AuthStep = { ...slow, name: 'fast', authorize: async () => void order.push('fast') };
    await composeAuth(slow, fast).authorize(request());
    expect(order).toEqual(['slow', 'fast']);
  });
});

describe('encoding helpers', () => {
  it('percent-encodes RFC 3986 style over UTF-8', () => {
    expect(percentEncode("AZaz09-_.~ !'()*/:+%")).toBe('AZaz09-_.~%20%21%27%28%29%2A%2F%3A%2B%25');
    expect(percentEncode('一')).toBe('%E4%B8%80');
    expect(percentEncode('\u{1F600}')).toBe('%F0%9F%98%80');
  });

  it('re-encodes each path segment of a WHATWG-encoded pathname', () => {
    expect(encodePathSegments(new URL('https://h/a b/grp:repo/x%2Fy/').pathname)).toBe('/a%20b/grp%3Arepo/x%2Fy/');
  });

  it('sorts the canonical query by name then value; empty values bare only when asked', () => {
    const params = new URLSearchParams('b=2&a=z&a=y&e=');
    expect(canonicalQueryString(params, { bareEmptyValue: true })).toBe('a=y&a=z&b=2&e');
    expect(canonicalQueryString(params, { bareEmptyValue: false })).toBe('a=y&a=z&b=2&e=');
  });

  it('rewrites the wire query with %20 instead of +, keeping order', () => {
    const url = new URL('https://h/p');
    url.searchParams.set('q', 'a b*');
    url.searchParams.set('AccessToken', 'x');
    normalizeQueryEncoding(url);
    expect(url.search).toBe('?q=a%20b%2A&AccessToken=x');
    expect(url.searchParams.get('q')).toBe('a b*');
  });
});

describe('signing steps send the query they signed', () => {
  it('ACS3 and SDK-HMAC requests with a space in a query value verify', async () => {
    const ali = request();
    ali.url.searchParams.set('search', 'my hook');
    await acs3().authorize(ali);
    expect(ali.url.search).toContain('search=my%20hook');
    expect(verifyAlibabaRequest(asServer(ali), lookup, NOW)).toEqual({ ok: true, accessKeyId: AK });

    const hw: HttpRequest = { method: 'GET', url: new URL('https://codehub-ext.example/v4/repositories/42/hooks'), headers: {} };
    hw.url.searchParams.set('search', 'my hook');
    await createHuaweiAkskAuth({ accessKey: 'HWAK', secretKey: new Secret('hw-sk') }, { now: () => NOW }).authorize(hw);
    expect(hw.url.search).toBe('?search=my%20hook');
    expect(verifyHuaweiRequest(asServer(hw), (ak) => (ak === 'HWAK' ? 'hw-sk' : undefined), NOW)).toEqual({
      ok: true,
      accessKeyId: 'HWAK',
    });
  });
});
