import { describe, expect, it } from 'vitest';
import { hmacSha1Base64, roaV1Sign, verifyAlibabaRequest } from '../../../src/emulator/verify-alibaba.js';
import { createAlibabaAcs3Auth } from '../../../src/http/auth/alibaba-sign.js';
import { createAlibabaRoaAuth } from '../../../src/http/auth/roa-sign.js';
import { acs3Sign, EMPTY_SHA256, sha256Hex } from '../../../src/http/auth/signing.js';
import type { HttpRequest } from '../../../src/http/types.js';
import { Secret } from '../../../src/model/secret.js';

// Shared inputs of the codeup.md §4a/§4b [V] vectors (computed with @alicloud/openapi-util 0.3.3).
const AK = 'YourAccessKeyId';
const SK = 'YourAccessKeySecret';
const HOST = 'codeup.cn-hangzhou.aliyuncs.com';
const NONCE = '3f1e2d4c5b6a79881726354453627180';
const ORG = '60811b5eed6e867404f6xxxx';
const STS_TOKEN = 'STS.token-example';

function codeupUrl(path: string, query: Record<string, string>): URL {
  const url = new URL(`https://${HOST}${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}

describe('acs3Sign known answers', () => {
  it('darabonba-openapi-util ts/test/client.spec.ts "getAuthorization should ok"', () => {
    // The SDK test leaves pathname unset (canonical URI '') and passes an SM3 payload hash, which a
    // URL and a body cannot express, hence the two overrides. No host header: only x-acs-test is signed.
    const result = acs3Sign({
      method: 'GET',
      url: new URL('http://unused.invalid/?test=ok&empty='),
      headers: { 'x-acs-test': 'http', 'x-acs-TEST': 'https' },
      body: undefined,
      accessKeyId: 'acesskey',
      accessKeySecret: 'secret',
      signedHeaderNames: ['x-acs-test'],
      canonicalUri: '',
      payloadHash: '55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23',
    });
    expect(result.canonicalRequest.split('\n').slice(0, 4)).toEqual(['GET', '', 'empty&test=ok', 'x-acs-test:http,https']);
    expect(result.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,Signature=da772425f29289d3460d5fc961455d40c5e8c6afd0888b78a910c991e6a14846',
    );
  });

  const base = (action: string): Record<string, string> => ({
    host: HOST,
    accept: 'application/json',
    'x-acs-action': action,
    'x-acs-version': '2020-04-14',
    'x-acs-date': '2024-01-02T03:04:05Z',
    'x-acs-signature-nonce': NONCE,
  });

  it('@alicloud/openapi-util 0.3.3 getAuthorization: POST AddWebhook with a non-ASCII body', () => {
    const body = new TextEncoder().encode('{"url":"https://example.com/hook","push_events":true,"description":"部署钩子"}');
    expect(sha256Hex(body)).toBe('d7c45306f970090b1d491e522f54ad459c470eab7d1f0be3e1f983ba73871630');
    const result = acs3Sign({
      method: 'POST',
      url: codeupUrl('/api/v3/projects/100/hooks', { OrganizationId: ORG }),
      headers: {
        ...base('AddWebhook'),
        'content-type': 'application/json; charset=utf-8',
        'x-acs-content-sha256': sha256Hex(body),
      },
      body,
      accessKeyId: AK,
      accessKeySecret: SK,
    });
    expect(result.signedHeaders).toBe('content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version');
    expect(result.signature).toBe('44419e5e908e0ede075b2dccf875135b9d9e01e7f568c7fcaad8e70060af3d50');
  });

  it('@alicloud/openapi-util 0.3.3 getAuthorization: GET ListRepositoryWebhook with an encoded query', () => {
    const result = acs3Sign({
      method: 'GET',
      url: codeupUrl('/api/v3/projects/100/hooks', { OrganizationId: 'org 一/&=', Page: '1', PageSize: '20' }),
      headers: { ...base('ListRepositoryWebhook'), 'x-acs-content-sha256': EMPTY_SHA256 },
      body: undefined,
      accessKeyId: AK,
      accessKeySecret: SK,
    });
    expect(result.canonicalRequest.split('\n')[2]).toBe('OrganizationId=org%20%E4%B8%80%2F%26%3D&Page=1&PageSize=20');
    expect(result.signature).toBe('7511b427aa2fa208fa7be9d93050e7341bd13da9cbfaaa985b8f65f262494267');
  });

  it('@alicloud/openapi-util 0.3.3 getAuthorization: STS DELETE DeleteRepositoryWebhook', () => {
    const result = acs3Sign({
      method: 'DELETE',
      url: codeupUrl('/api/v3/projects/100/hooks/200', { OrganizationId: ORG }),
      headers: {
        ...base('DeleteRepositoryWebhook'),
        'x-acs-content-sha256': EMPTY_SHA256,
        'x-acs-accesskey-id': AK,
        'x-acs-security-token': STS_TOKEN,
      },
      body: undefined,
      accessKeyId: AK,
      accessKeySecret: SK,
    });
    expect(result.signedHeaders).toBe(
      'host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version',
    );
    expect(result.signature).toBe('48ba99f654b347929c37a1d7f88fc48817e425cf6f5a1c0e143bb7983214481c');
  });
});

describe('ROA v1 (acs HMAC-SHA1) known answers', () => {
  it('darabonba-openapi-util ts/test/client.spec.ts getROASignature("stringtosign", "secret")', () => {
    expect(hmacSha1Base64('secret', 'stringtosign')).toBe('OmuTAr79tpI6CRoAdmzKRq5lHs0=');
  });

  it('openapi-core-nodejs-sdk test/roa.test.js: secret accessKeySecret, "stringtosign"', () => {
    const signature = hmacSha1Base64('accessKeySecret', 'stringtosign');
    expect(`acs accessKeyId:${signature}`).toBe('acs accessKeyId:9/j11e+L9jW8mC9eUA23Wn3c0fs=');
  });

  it('aliyun-python-sdk-core tests/auth/composer/test_roa_signature_composer.py test_get_signature', () => {
    const result = roaV1Sign({
      method: 'GET',
      url: new URL('https://example.invalid/'),
      headers: {
        date: '2018-12-04T03:55:31Z', // mocked get_rfc_2616_date
        accept: 'application/octet-stream', // the test passes lower-case 'json', which maps to octet-stream
        'x-acs-signature-method': 'HMAC-SHA1',
        'x-acs-signature-version': '1.0',
      },
      accessKeySecret: 'access_key_secret',
    });
    expect(result.stringToSign).toBe(
      'GET\napplication/octet-stream\n\n\n2018-12-04T03:55:31Z\nx-acs-signature-method:HMAC-SHA1\nx-acs-signature-version:1.0\n/',
    );
    expect(result.signature).toBe('HKCpm41tJg6b3EYdtGMbNuwALZU=');
  });

  const roaHeaders = (action: string): Record<string, string> => ({
    date: 'Tue, 02 Jan 2024 03:04:05 GMT',
    host: HOST,
    accept: 'application/json',
    'x-acs-signature-nonce': NONCE,
    'x-acs-signature-method': 'HMAC-SHA1',
    'x-acs-signature-version': '1.0',
    'x-acs-version': '2020-04-14',
    'x-acs-action': action,
    'user-agent': 'hookctl-test', // not part of the string-to-sign
  });

  it('[V] codeup.md §4a: GET ListRepositoryWebhook', () => {
    const { signature } = roaV1Sign({
      method: 'GET',
      url: codeupUrl('/api/v3/projects/100/hooks', { OrganizationId: ORG, Page: '1', PageSize: '100' }),
      headers: roaHeaders('ListRepositoryWebhook'),
      accessKeySecret: SK,
    });
    expect(`acs ${AK}:${signature}`).toBe('acs YourAccessKeyId:BGDgR5FDVABzZAAU7VWSwFyaQ2o=');
  });

  it('[V] codeup.md §4a: POST AddWebhook with STS headers', () => {
    const { signature } = roaV1Sign({
      method: 'POST',
      url: codeupUrl('/api/v3/projects/100/hooks', { OrganizationId: ORG }),
      headers: {
        ...roaHeaders('AddWebhook'),
        'content-type': 'application/json; charset=utf-8',
        'x-acs-accesskey-id': AK,
        'x-acs-security-token': STS_TOKEN,
      },
      accessKeySecret: SK,
    });
    expect(`acs ${AK}:${signature}`).toBe('acs YourAccessKeyId:vPloKxBggnA2Rys3lGetqiBCYEc=');
  });

  it('[V] codeup.md §4a: GET with a raw (unencoded) non-ASCII query in the string-to-sign', () => {
    const result = roaV1Sign({
      method: 'GET',
      url: codeupUrl('/api/v3/projects/100/hooks', { OrganizationId: 'org 一/&=', Page: '2' }),
      headers: roaHeaders('ListRepositoryWebhook'),
      accessKeySecret: SK,
    });
    expect(result.stringToSign.endsWith('/api/v3/projects/100/hooks?OrganizationId=org 一/&=&Page=2')).toBe(true);
    expect(`acs ${AK}:${result.signature}`).toBe('acs YourAccessKeyId:yIIZTZLLQqs1X3pVMZUcG2tJzS8=');
  });

  it('emits a query name written without "=" bare, and "k=" as "k=" (python composer)', () => {
    const { stringToSign } = roaV1Sign({
      method: 'GET',
      url: new URL('https://h.invalid/p?b=&a'),
      headers: {},
      accessKeySecret: 'x',
    });
    expect(stringToSign.endsWith('/p?a&b=')).toBe(true);
  });
});

// ---- AuthStep + verifier round trips ----------------------------------------------------------

const NOW = new Date('2024-01-02T03:04:05Z');
const ACS3_SECRET = 'round-trip-secret-value';
const TOKEN_SECRET = 'round-trip-sts-token';
const lookup = (ak: string): string | undefined => (ak === AK ? ACS3_SECRET : undefined);

function signedRequest(sts = false): HttpRequest {
  const auth = createAlibabaAcs3Auth(
    {
      accessKeyId: AK,
      accessKeySecret: new Secret(ACS3_SECRET),
      securityToken: sts ? new Secret(TOKEN_SECRET) : undefined,
    },
    { now: () => NOW, nonce: () => NONCE },
  );
  const request: HttpRequest = {
    method: 'POST',
    url: codeupUrl('/api/v3/projects/100/hooks', { OrganizationId: ORG }),
    headers: { 'content-type': 'application/json', 'x-acs-action': 'AddWebhook', 'x-acs-version': '2020-04-14' },
    body: new TextEncoder().encode('{"url":"https://example.com/hook"}'),
  };
  auth.preview(request);
  return request;
}

const asServer = (r: HttpRequest) => ({ ...r, body: r.body ?? new Uint8Array() });

describe('createAlibabaAcs3Auth + verifyAlibabaRequest', () => {
  it('sets the documented headers and signs all of them', async () => {
    const request = signedRequest(true);
    const again = signedRequest(true);
    const auth = createAlibabaAcs3Auth(
      { accessKeyId: AK, accessKeySecret: new Secret(ACS3_SECRET), securityToken: new Secret(TOKEN_SECRET) },
      { now: () => NOW, nonce: () => NONCE },
    );
    await auth.authorize(again);
    expect(again.headers).toEqual(request.headers); // authorize and preview agree, deterministically
    expect(request.headers).toMatchObject({
      host: HOST,
      accept: 'application/json',
      'x-acs-date': '2024-01-02T03:04:05Z',
      'x-acs-signature-nonce': NONCE,
      'x-acs-content-sha256': sha256Hex(request.body ?? ''),
      'x-acs-security-token': TOKEN_SECRET,
      'x-acs-accesskey-id': AK,
    });
    expect(request.headers.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=content-type;host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/,
    );
    expect(auth.name).toBe('alibaba-acs3');
    expect(auth.secrets()).toEqual([ACS3_SECRET, TOKEN_SECRET]);
    expect(auth.renew).toBeUndefined();
  });

  it('accepts its own signature (with and without STS)', () => {
    expect(verifyAlibabaRequest(asServer(signedRequest()), lookup, NOW)).toEqual({ ok: true, accessKeyId: AK });
    expect(verifyAlibabaRequest(asServer(signedRequest(true)), lookup, NOW)).toEqual({ ok: true, accessKeyId: AK });
  });

  it('accepts a ROA v1 request', () => {
    const url = codeupUrl('/api/v3/projects/100/hooks', { OrganizationId: ORG });
    const headers: Record<string, string> = {
      date: NOW.toUTCString(),
      accept: 'application/json',
      'x-acs-signature-nonce': NONCE,
      'x-acs-signature-method': 'HMAC-SHA1',
      'x-acs-version': '2020-04-14',
    };
    headers.authorization = `acs ${AK}:${roaV1Sign({ method: 'GET', url, headers, accessKeySecret: ACS3_SECRET }).signature}`;
    const request = { method: 'GET', url, headers, body: new Uint8Array() };
    expect(verifyAlibabaRequest(request, lookup, NOW)).toEqual({ ok: true, accessKeyId: AK });
    headers['x-acs-version'] = '2021-06-25';
    expect(verifyAlibabaRequest(request, lookup, NOW)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
  });

  const mismatch = { ok: false, status: 400, code: 'SignatureDoesNotMatch' };

  it('rejects a tampered body', () => {
    const request = asServer(signedRequest());
    request.body = new TextEncoder().encode('{"url":"https://evil.example/hook"}');
    expect(verifyAlibabaRequest(request, lookup, NOW)).toMatchObject(mismatch);
    request.headers['x-acs-content-sha256'] = sha256Hex(request.body); // even with a matching hash header
    expect(verifyAlibabaRequest(request, lookup, NOW)).toMatchObject(mismatch);
  });

  it('rejects a tampered query', () => {
    const request = asServer(signedRequest());
    request.url.searchParams.set('OrganizationId', 'another-org');
    expect(verifyAlibabaRequest(request, lookup, NOW)).toMatchObject(mismatch);
  });

  it('rejects a tampered signed header', () => {
    const request = asServer(signedRequest());
    request.headers['x-acs-action'] = 'DeleteRepositoryWebhook';
    expect(verifyAlibabaRequest(request, lookup, NOW)).toMatchObject(mismatch);
  });

  it('rejects an x-acs-* header that was added after signing', () => {
    const request = asServer(signedRequest());
    request.headers['x-acs-extra'] = '1';
    expect(verifyAlibabaRequest(request, lookup, NOW)).toMatchObject({ status: 400, code: 'IncompleteSignature' });
  });

  it('rejects a stale or future x-acs-date', () => {
    const request = asServer(signedRequest());
    const expired = { ok: false, status: 400, code: 'InvalidTimeStamp.Expired' };
    expect(verifyAlibabaRequest(request, lookup, new Date(NOW.getTime() + 16 * 60_000))).toMatchObject(expired);
    expect(verifyAlibabaRequest(request, lookup, new Date(NOW.getTime() - 16 * 60_000))).toMatchObject(expired);
    expect(verifyAlibabaRequest(request, lookup, new Date(NOW.getTime() + 14 * 60_000))).toMatchObject({ ok: true });
  });

  it('maps missing pieces to the POP gateway errors', () => {
    const noAuth = asServer(signedRequest());
    delete noAuth.headers.authorization;
    expect(verifyAlibabaRequest(noAuth, lookup, NOW)).toMatchObject({ status: 400, code: 'IncompleteSignature' });

    const garbled = asServer(signedRequest());
    garbled.headers.authorization = 'ACS3-HMAC-SHA256 Credential=x';
    expect(verifyAlibabaRequest(garbled, lookup, NOW)).toMatchObject({ status: 400, code: 'IncompleteSignature' });

    expect(verifyAlibabaRequest(asServer(signedRequest()), () => undefined, NOW)).toMatchObject({
      status: 404,
      code: 'InvalidAccessKeyId.NotFound',
    });

    const noNonce = asServer(signedRequest());
    delete noNonce.headers['x-acs-signature-nonce'];
    expect(verifyAlibabaRequest(noNonce, lookup, NOW)).toMatchObject({ status: 400, code: 'MissingSignatureNonce' });

    const wrongKey = verifyAlibabaRequest(asServer(signedRequest()), () => 'another-secret', NOW);
    expect(wrongKey).toMatchObject({ ...mismatch, message: 'Specified signature is not matched with our calculation.' });
  });

  it('never puts a secret or the expected signature into an error message', () => {
    const auth = createAlibabaAcs3Auth(
      { accessKeyId: AK, accessKeySecret: new Secret(ACS3_SECRET), securityToken: new Secret(TOKEN_SECRET) },
      { now: () => NOW, nonce: () => NONCE },
    );
    const good = asServer(signedRequest(true));
    const variants: Array<[ReturnType<typeof asServer>, Date]> = [];
    const mutate = (f: (r: ReturnType<typeof asServer>) => void, now = NOW): void => {
      const r = asServer(signedRequest(true));
      f(r);
      variants.push([r, now]);
    };
    mutate((r) => {
      r.body = new Uint8Array([1]);
    });
    mutate((r) => {
      r.headers['x-acs-date'] = 'yesterday';
    });
    mutate((r) => {
      delete r.headers['x-acs-signature-nonce'];
    });
    mutate((r) => {
      r.headers.authorization = 'Bearer x';
    });
    mutate((r) => {
      r.url.pathname = '/other';
    });
    mutate(() => {}, new Date(0));
    for (const [request, now] of variants) {
      const result = verifyAlibabaRequest(request, lookup, now);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      for (const secret of [...auth.secrets(), good.headers.authorization?.split('Signature=')[1] ?? '']) {
        expect(secret).not.toBe('');
        expect(result.message).not.toContain(secret);
      }
      expect(result.message).not.toMatch(/[0-9a-f]{40}/); // no signature or hash of any kind
    }
  });
});

describe('createAlibabaRoaAuth known answers (fixed clock and nonce)', () => {
  // Expected values computed with @alicloud/openapi-util 0.3.3 getStringToSign + getROASignature
  // over the same headers (the ones @alicloud/openapi-client 0.4.15 doROARequest sends).
  const roa = (sts: boolean) =>
    createAlibabaRoaAuth(
      { accessKeyId: AK, accessKeySecret: new Secret(SK), securityToken: sts ? new Secret(STS_TOKEN) : undefined },
      { now: () => new Date('2024-01-02T03:04:05Z'), nonce: () => NONCE },
    );

  it('GET ListRepositoryWebhook: headers in the official order, acs signature', () => {
    const request: HttpRequest = {
      method: 'GET',
      url: new URL(`https://${HOST}/api/v3/projects/100/hooks?OrganizationId=${ORG}&Page=1&PageSize=100`),
      headers: { 'user-agent': 'hookctl', accept: 'application/json', 'x-acs-action': 'ListRepositoryWebhook', 'x-acs-version': '2020-04-14' },
    };
    roa(false).preview(request);
    expect(Object.entries(request.headers)).toEqual([
      ['date', 'Tue, 02 Jan 2024 03:04:05 GMT'],
      ['host', HOST],
      ['accept', 'application/json'],
      ['x-acs-signature-nonce', NONCE],
      ['x-acs-signature-method', 'HMAC-SHA1'],
      ['x-acs-signature-version', '1.0'],
      ['x-acs-version', '2020-04-14'],
      ['x-acs-action', 'ListRepositoryWebhook'],
      ['user-agent', 'hookctl'],
      ['x-acs-credentials-provider', 'static_ak'],
      ['authorization', 'acs YourAccessKeyId:mjmYc3bBIXyQ5h4n6t9/wJ537ok='],
    ]);
    expect(verifyAlibabaRequest(asServer(request), (id) => (id === AK ? SK : undefined), new Date('2024-01-02T03:04:05Z'))).toEqual({
      ok: true,
      accessKeyId: AK,
    });
  });

  it('POST AddWebhook with STS', () => {
    const request: HttpRequest = {
      method: 'POST',
      url: new URL(`https://${HOST}/api/v3/projects/100/hooks?OrganizationId=${ORG}`),
      headers: {
        'user-agent': 'hookctl',
        accept: 'application/json',
        'x-acs-action': 'AddWebhook',
        'x-acs-version': '2020-04-14',
        'content-type': 'application/json; charset=utf-8',
      },
    };
    const auth = roa(true);
    auth.preview(request);
    expect(request.headers).toMatchObject({ 'x-acs-credentials-provider': 'static_sts', 'x-acs-accesskey-id': AK, 'x-acs-security-token': STS_TOKEN });
    expect(request.headers.authorization).toBe('acs YourAccessKeyId:JuAUrDAHUHiE07qxknU51F+Ahe8=');
    expect(auth.name).toBe('alibaba-roa');
    expect(auth.secrets()).toEqual([SK, STS_TOKEN]);
  });

  it('the emulator refuses a wrong ROA signature with the gateway error', () => {
    const request: HttpRequest = {
      method: 'GET',
      url: new URL(`https://${HOST}/api/v3/projects/100/hooks?OrganizationId=${ORG}`),
      headers: { accept: 'application/json', 'x-acs-action': 'ListRepositoryWebhook', 'x-acs-version': '2020-04-14' },
    };
    roa(false).preview(request);
    const now = new Date('2024-01-02T03:04:05Z');
    expect(verifyAlibabaRequest(asServer(request), () => 'not-the-secret', now)).toEqual({
      ok: false,
      status: 400,
      code: 'SignatureDoesNotMatch',
      message: 'Specified signature is not matched with our calculation.',
    });
    request.url.searchParams.set('OrganizationId', 'other');
    expect(verifyAlibabaRequest(asServer(request), () => SK, now)).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });
});
