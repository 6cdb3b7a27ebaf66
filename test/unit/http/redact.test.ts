import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src/http/redact.js';

describe('Redactor', () => {
  it('masks credential headers, keeping the signature scheme', () => {
    const r = new Redactor();
    expect(
      r.headers({
        authorization: 'ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=abc',
        'x-auth-token': 'tok',
        'x-acs-security-token': 'sts',
        'content-type': 'application/json',
      }),
    ).toEqual({ authorization: 'ACS3-HMAC-SHA256 ******', 'x-auth-token': '******', 'x-acs-security-token': '******', 'content-type': 'application/json' });
  });

  it('masks token query parameters and sensitive JSON keys at any depth', () => {
    const r = new Redactor();
    expect(r.url(new URL('https://h/api?OrganizationId=o&AccessToken=pt-123'))).toBe('https://h/api?OrganizationId=o&AccessToken=******');
    expect(r.body('{"url":"u","secret_token":"s1","nested":{"Password":"p","token":""}}')).toEqual({
      url: 'u',
      secret_token: '******',
      nested: { Password: '******', token: '' },
    });
  });

  it('scrubs registered secret values anywhere, raw or URL-encoded', () => {
    const r = new Redactor();
    r.add('s3cr3t/value', undefined, 'ab');
    expect(r.scrub('x s3cr3t/value y s3cr3t%2Fvalue z ab')).toBe('x ****** y ****** z ab');
    expect(r.body('not json s3cr3t/value')).toBe('not json ******');
  });
});
