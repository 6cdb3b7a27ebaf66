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

  describe('escaped spellings of a known secret', () => {
    const secret = 'pa"ss\\wo rd+/=~ü😀';
    const r = new Redactor();
    r.add(secret);
    const units = (upper: boolean) =>
      [...Array(secret.length).keys()]
        .map((i) => `\\u${secret.charCodeAt(i).toString(16).padStart(4, '0')}`)
        .map((u) => (upper ? u.toUpperCase().replace('\\U', '\\u') : u));
    const json = JSON.stringify(secret).slice(1, -1);
    const forms: Record<string, string> = {
      'JSON with \\/': json.replaceAll('/', '\\/'),
      'every character as \\uXXXX (lower-case hex)': units(false).join(''),
      'every character as \\uXXXX (upper-case hex)': units(true).join(''),
      'percent-encoded, lower-case hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      'percent-encoded, every byte': [...new TextEncoder().encode(secret)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
      'mixed: JSON-escaped head, percent-encoded tail': json.slice(0, 8) + encodeURIComponent(secret.slice(6)),
    };
    it.each(Object.entries(forms))('%s', (_name, form) => {
      expect(r.scrub(`before ${form} after`)).toBe('before ****** after');
    });

    it('does not mask a different text that only shares the letters case-insensitively', () => {
      const plain = new Redactor();
      plain.add('AbCdEf');
      expect(plain.scrub('abcdef AbCdEf \\u0041bCdEf %41bCdEf')).toBe('abcdef ****** ****** ******');
    });
  });

  it('masks the password of any user:password@ URL, and registers one for its other spellings', () => {
    const r = new Redactor();
    expect(r.scrub('GET https://bob:hunter2-x@h.example/api and "url": "http://a:b@c"')).toBe(
      'GET https://bob:******@h.example/api and "url": "http://a:******@c"',
    );
    expect(r.scrub('ssh://git@h.example/x user@example.com')).toBe('ssh://git@h.example/x user@example.com');
    r.addUrlCredentials('https://bob:p%40ss%2Fw0rd@h.example');
    expect(r.scrub('echoed p@ss/w0rd and p%40ss%2Fw0rd')).toBe('echoed ****** and ******');
    r.addUrlCredentials('not a url @ all');
  });

  it('with thousands of values (one per hook of a fleet) masks the same as with one: literal, overlapping, encoded', () => {
    const redactor = new Redactor();
    for (let i = 0; i < 5000; i++) redactor.add(`fleet-secret-${i}`);
    redactor.add('fleet-secret-12-long');
    redactor.add('with space');
    expect(redactor.scrub('a fleet-secret-4999 b fleet-secret-12-long c fleet-secret-1x')).toBe('a ****** b ****** c ******x');
    // Other spellings still go through the full pattern.
    expect(redactor.scrub('q=fleet%2Dsecret%2D7&r=with+space')).toBe('q=******&r=******');
    expect(redactor.scrub('{"s":"fleet\\u002dsecret-8"}')).toBe('{"s":"******"}');
    expect(redactor.scrub('fleet-secret')).toBe('fleet-secret');
  });
});
