import { describe, expect, it } from 'vitest';
import { verifyHuaweiRequest } from '../../../src/emulator/verify-huawei.js';
import { createHuaweiAkskAuth } from '../../../src/http/auth/huawei-sign.js';
import { canonicalQueryString, sdkHmacSign, sha256Hex } from '../../../src/http/auth/signing.js';
import type { HttpRequest } from '../../../src/http/types.js';
import { Secret } from '../../../src/model/secret.js';

// AK/SK of the Huawei "API签名指南" example, reused by the CodeArts and ServiceStage vectors.
const DOC_AK = 'QTWAOYTTINDUT2QVKYUC';
const DOC_SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
const CODEARTS_HOST = 'codehub-ext.cn-north-4.myhuaweicloud.com';
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sdkHmacSign known answers', () => {
  it('codearts.md §4b vector 1: Huawei API signing guide example (GET vpcs)', () => {
    const result = sdkHmacSign({
      method: 'GET',
      url: new URL('https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0'),
      headers: {
        'content-type': 'application/json',
        host: 'service.region.example.com',
        'x-sdk-date': '20191115T033655Z',
      },
      body: undefined,
      accessKey: DOC_AK,
      secretKey: DOC_SK,
    });
    expect(result.canonicalRequest.split('\n')[1]).toBe('/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/');
    expect(sha256Hex(result.canonicalRequest)).toBe('b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    expect(result.authorization).toBe(
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
  });

  // huaweicloud-sdk-go-v3 core/auth/signer/signer_test.go: that unit test signs only X-Sdk-Date
  // (no endpoint host is signed, Content-Type and the TEST_UNDERSCORE header are left out).
  it('huaweicloud-sdk-go-v3 signer_test.go TestSigner_Sign test1 (GET ?limit=1)', () => {
    const result = sdkHmacSign({
      method: 'GET',
      url: new URL('https://example.huaweicloud.com/path?limit=1'),
      headers: { 'x-sdk-date': '20060102T150405Z', test_underscore: 'TEST_VALUE' },
      body: undefined,
      accessKey: 'AccessKey',
      secretKey: 'SecretKey',
      signedHeaderNames: ['x-sdk-date'],
    });
    expect(result.authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    );
  });

  it('huaweicloud-sdk-go-v3 signer_test.go TestSigner_Sign test2 (POST JSON body with trailing newline)', () => {
    const result = sdkHmacSign({
      method: 'POST',
      url: new URL('https://example.huaweicloud.com/path?key=value'),
      headers: { 'x-sdk-date': '20060102T150405Z', test_underscore: 'TEST_VALUE', 'content-type': 'application/json' },
      body: utf8('{"Name":"test","Id":1}\n'), // Go's json.Encoder appends '\n'
      accessKey: 'AccessKey',
      secretKey: 'SecretKey',
      signedHeaderNames: ['x-sdk-date'],
    });
    expect(result.signature).toBe('cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59');
  });

  it('huaweicloud-sdk-go-v3 signer_test.go TestSigner_canonicalQueryString', () => {
    const params = new URLSearchParams();
    params.append('limit', '1');
    params.append('enable', 'true');
    params.append('test', '一 (&=?!#%.*)');
    params.append('path', '/tmp/123');
    for (const v of ['1', '2', '3']) params.append('multi', v);
    const expected = 'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29';
    expect(canonicalQueryString(params, { bareEmptyValue: false })).toBe(expected);
    // and the same through the signer, from a wire URL
    const url = new URL(`https://example.huaweicloud.com/path?${params.toString()}`);
    const result = sdkHmacSign({
      method: 'GET',
      url,
      headers: { 'x-sdk-date': '20060102T150405Z' },
      body: undefined,
      accessKey: 'AccessKey',
      secretKey: 'SecretKey',
    });
    expect(result.canonicalRequest.split('\n')[2]).toBe(expected);
  });

  it('codearts.md §4b vector 3 (@huaweicloud/huaweicloud-sdk-core 3.1.211): POST group hook, non-ASCII body', () => {
    const body = utf8('{"url":"https://example.com/hook","name":"部署钩子","push_events":true}');
    expect(sha256Hex(body)).toBe('7c6c96d376159cca8db97da367ae52018f6b555d18533524d9c32bbbe7e1f186');
    const result = sdkHmacSign({
      method: 'POST',
      url: new URL(`https://${CODEARTS_HOST}/v4/groups/12345/hooks`),
      headers: { 'content-type': 'application/json;charset=UTF-8', 'x-sdk-date': '20240102T030405Z' },
      body,
      accessKey: DOC_AK,
      secretKey: DOC_SK,
    });
    expect(result.signedHeaders).toBe('content-type;host;x-sdk-date');
    expect(sha256Hex(result.canonicalRequest)).toBe('0d6d5452ede8180629928604a88a7e9cda0bfffc3e5eed8fbe9722ff1e3b4b83');
    expect(result.signature).toBe('31509d1f7a673ec3fa710775305f00eed07a7f5ae8d26a6d17c1ce73dd727009');
  });

  it('codearts.md §4b vector 3 (@huaweicloud/huaweicloud-sdk-core 3.1.211): GET hooks, encoded query', () => {
    const url = new URL(`https://${CODEARTS_HOST}/v4/repositories/42/hooks`);
    url.searchParams.set('search', '一 (&=?!#%.*)');
    url.searchParams.set('offset', '0');
    url.searchParams.set('limit', '100');
    const result = sdkHmacSign({
      method: 'GET',
      url,
      headers: { 'x-sdk-date': '20240102T030405Z' },
      body: undefined,
      accessKey: DOC_AK,
      secretKey: DOC_SK,
    });
    expect(result.canonicalRequest.split('\n')[2]).toBe('limit=100&offset=0&search=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29');
    expect(result.signedHeaders).toBe('host;x-sdk-date');
    expect(result.signature).toBe('543b8cc2ff52c1925fc51373f2917bd8413732e95a59c24c1e9906965e9a956a');
  });

  it('servicestage.md §5 (@huaweicloud/huaweicloud-sdk-core 3.1.211): DELETE with ":" in path and X-Security-Token', () => {
    const result = sdkHmacSign({
      method: 'DELETE',
      url: new URL('https://servicestage.cn-north-4.myhuaweicloud.com/v1/0123456789abcdef0123456789abcdef/git/repos/ns1/grp:repo/hooks/77'),
      headers: {
        'content-type': 'application/json;charset=utf8',
        'x-sdk-date': '20240102T030405Z',
        'x-repo-auth': 'my-auth',
        'x-security-token': 'tok',
      },
      body: undefined,
      accessKey: DOC_AK,
      secretKey: DOC_SK,
    });
    expect(result.canonicalRequest.split('\n')[1]).toBe('/v1/0123456789abcdef0123456789abcdef/git/repos/ns1/grp%3Arepo/hooks/77/');
    expect(sha256Hex(result.canonicalRequest)).toBe('de28994192b7b96470a2d28b52acd2e07f7e49e3def82aea4739ec2907ef31e8');
    expect(result.authorization).toBe(
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-repo-auth;x-sdk-date;x-security-token, Signature=d54d2c272b733fcedbb49d2b20987880602651060f54fbdf475b77de212436b0',
    );
  });

  it('uses x-sdk-content-sha256 instead of the body hash when present', () => {
    const sign = (body: string) =>
      sdkHmacSign({
        method: 'PUT',
        url: new URL('https://h.example/x'),
        headers: { 'x-sdk-date': '20240102T030405Z', 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' },
        body: utf8(body),
        accessKey: 'a',
        secretKey: 'b',
      });
    expect(sign('one').canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
    expect(sign('one').signature).toBe(sign('two').signature);
  });

  it('refuses to sign without x-sdk-date', () => {
    const input = { method: 'GET', url: new URL('https://h.example/'), body: undefined, accessKey: 'a', secretKey: 'b' };
    expect(() => sdkHmacSign({ ...input, headers: {} })).toThrow(/x-sdk-date/);
    expect(() => sdkHmacSign({ ...input, headers: { 'x-sdk-date': '20240102T030405Z' }, signedHeaderNames: ['host'] })).toThrow(/x-sdk-date/);
  });
});

// ---- AuthStep + verifier round trips ----------------------------------------------------------

const NOW = new Date('2024-01-02T03:04:05Z');
const SK = 'huawei-round-trip-sk';
const TOKEN = 'huawei-round-trip-security-token';
const lookup = (ak: string): string | undefined => (ak === DOC_AK ? SK : undefined);

function signedRequest(temporary = false): HttpRequest & { body: Uint8Array } {
  const auth = createHuaweiAkskAuth(
    { accessKey: DOC_AK, secretKey: new Secret(SK), securityToken: temporary ? new Secret(TOKEN) : undefined },
    { now: () => NOW },
  );
  const request = {
    method: 'POST' as const,
    url: new URL(`https://${CODEARTS_HOST}/v4/groups/12345/hooks?offset=0`),
    headers: { 'content-type': 'application/json;charset=UTF-8', 'x-project-id': 'p1' } as Record<string, string>,
    body: utf8('{"url":"https://example.com/hook","name":"部署钩子"}'),
  };
  auth.preview(request);
  return request;
}

const signatureFail = {
  ok: false,
  status: 401,
  code: 'APIG.0301',
  message: 'Incorrect IAM authentication information: verify aksk signature fail',
};

describe('createHuaweiAkskAuth + verifyHuaweiRequest', () => {
  it('sets host, x-sdk-date and x-security-token and signs every header present', async () => {
    const auth = createHuaweiAkskAuth({ accessKey: DOC_AK, secretKey: new Secret(SK), securityToken: new Secret(TOKEN) }, { now: () => NOW });
    const request = signedRequest(true);
    const again = signedRequest(true);
    await auth.authorize(again);
    expect(again.headers).toEqual(request.headers);
    expect(request.headers).toMatchObject({ host: CODEARTS_HOST, 'x-sdk-date': '20240102T030405Z', 'x-security-token': TOKEN });
    expect(request.headers.authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(auth.name).toBe('huawei-aksk');
    expect(auth.secrets()).toEqual([SK, TOKEN]);
    expect(auth.renew).toBeUndefined();
  });

  it('does not sign a stale authorization header when run twice on one request', async () => {
    const request = signedRequest();
    const auth = createHuaweiAkskAuth({ accessKey: DOC_AK, secretKey: new Secret(SK) }, { now: () => NOW });
    await auth.authorize(request);
    expect(request.headers.authorization).not.toContain('authorization');
    expect(verifyHuaweiRequest(request, lookup, NOW)).toEqual({ ok: true, accessKeyId: DOC_AK });
  });

  it('accepts its own signature (permanent and temporary keys)', () => {
    expect(verifyHuaweiRequest(signedRequest(), lookup, NOW)).toEqual({ ok: true, accessKeyId: DOC_AK });
    expect(verifyHuaweiRequest(signedRequest(true), lookup, NOW)).toEqual({ ok: true, accessKeyId: DOC_AK });
  });

  it('rejects a tampered body, query or header', () => {
    const body = signedRequest();
    body.body = utf8('{"url":"https://evil.example/hook"}');
    expect(verifyHuaweiRequest(body, lookup, NOW)).toEqual(signatureFail);

    const query = signedRequest();
    query.url.searchParams.set('offset', '20');
    expect(verifyHuaweiRequest(query, lookup, NOW)).toEqual(signatureFail);

    const header = signedRequest();
    header.headers['x-project-id'] = 'p2';
    expect(verifyHuaweiRequest(header, lookup, NOW)).toEqual(signatureFail);

    const declared = signedRequest();
    declared.headers['x-sdk-content-sha256'] = sha256Hex('something else');
    expect(verifyHuaweiRequest(declared, lookup, NOW)).toEqual(signatureFail);
  });

  it('rejects a stale or future x-sdk-date', () => {
    const request = signedRequest();
    for (const minutes of [16, -16]) {
      const result = verifyHuaweiRequest(request, lookup, new Date(NOW.getTime() + minutes * 60_000));
      expect(result).toMatchObject({ ok: false, status: 401, code: 'APIG.0301' });
      expect(result.ok ? '' : result.message).toMatch(/request time/);
    }
    expect(verifyHuaweiRequest(request, lookup, new Date(NOW.getTime() + 14 * 60_000))).toMatchObject({ ok: true });
  });

  it('maps malformed and unknown credentials to APIG.0301', () => {
    const missing = signedRequest();
    delete missing.headers.authorization;
    expect(verifyHuaweiRequest(missing, lookup, NOW)).toEqual(signatureFail);

    const garbled = signedRequest();
    garbled.headers.authorization = 'SDK-HMAC-SHA256 Access=x';
    expect(verifyHuaweiRequest(garbled, lookup, NOW)).toEqual(signatureFail);

    expect(verifyHuaweiRequest(signedRequest(), () => undefined, NOW)).toEqual({
      ok: false,
      status: 401,
      code: 'APIG.0301',
      message: `Incorrect IAM authentication information: ak ${DOC_AK} not found`,
    });

    // x-sdk-date must be one of the signed headers
    const unsignedDate = signedRequest();
    const headers: Record<string, string> = { ...unsignedDate.headers, 'x-sdk-date': '20240102T030405Z' };
    headers.authorization = sdkHmacSign({
      method: 'POST',
      url: unsignedDate.url,
      headers,
      body: unsignedDate.body,
      accessKey: DOC_AK,
      secretKey: SK,
    }).authorization.replace('x-sdk-date', 'x-sdk-dat');
    expect(verifyHuaweiRequest({ ...unsignedDate, headers }, lookup, NOW)).toEqual(signatureFail);

    const wrongKey = verifyHuaweiRequest(signedRequest(), () => 'another-sk', NOW);
    expect(wrongKey).toEqual(signatureFail);
  });

  it('never puts a secret or a signature into an error message', () => {
    const secrets = [SK, TOKEN];
    const cases: Array<[HttpRequest & { body: Uint8Array }, Date]> = [];
    const mutate = (f: (r: HttpRequest & { body: Uint8Array }) => void, now = NOW): void => {
      const r = signedRequest(true);
      f(r);
      cases.push([r, now]);
    };
    mutate((r) => {
      r.body = new Uint8Array([1]);
    });
    mutate((r) => {
      r.headers['x-sdk-date'] = 'yesterday';
    });
    mutate((r) => {
      r.headers.authorization = `SDK-HMAC-SHA256 Access=${SK}, SignedHeaders=x-sdk-date, Signature=00`;
    });
    mutate(() => {}, new Date(0));
    for (const [request, now] of cases) {
      const result = verifyHuaweiRequest(request, lookup, now);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      for (const secret of secrets) expect(result.message).not.toContain(secret);
      expect(result.message).not.toMatch(/[0-9a-f]{40}/);
    }
  });
});
