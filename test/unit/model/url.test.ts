import { describe, expect, it } from 'vitest';
import { isSecretParamName, maskUrl, normalizeUrl, urlCredentials } from '../../../src/model/url.js';

describe('maskUrl', () => {
  it.each([
    ['https://user:pa55word@h.example.com/x', 'https://user:***@h.example.com/x'],
    ['https://ghp_abcdef123456@h.example.com/x', 'https://***@h.example.com/x'],
    ['https://user:p%40ss@h.example.com:8443/x?y=1', 'https://user:***@h.example.com:8443/x?y=1'],
    ['https://h.example.com/x?token=abc123&team=ops', 'https://h.example.com/x?token=***&team=ops'],
    [
      'https://h.example.com/x?Access-Token=abc&API_KEY=def&x_webhook_secret=ghi&sig=jkl',
      'https://h.example.com/x?Access-Token=***&API_KEY=***&x_webhook_secret=***&sig=***',
    ],
    ['https://h.example.com/x?token=&monkey=1#token=frag', 'https://h.example.com/x?token=&monkey=1#token=***'],
    ['https://h.example.com/a%20b?q=%41', 'https://h.example.com/a%20b?q=%41'],
    ['https://h.example.com/cb#access_token=ya29.abc&state=1', 'https://h.example.com/cb#access_token=***&state=1'],
    ['https://h.example.com/#/route?x=1', 'https://h.example.com/#/route?x=1'],
    // not a URL: masked by pattern
    ['weird://u:secretvalue@host:bad:port/?key=zzz', 'weird://u:***@host:bad:port/?key=***'],
  ])('%s → %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });

  it('keeps a URL without credentials byte for byte', () => {
    const url = 'https://Hook.Example.com:443/p/../q?b=2&a=1&b=3';
    expect(maskUrl(url)).toBe(url);
  });
});

describe('urlCredentials', () => {
  it('names what it finds, never the values', () => {
    expect(urlCredentials('https://a:b@h/?token=x&password=y&page=2')).toEqual({ userinfo: true, params: ['token', 'password'] });
    expect(urlCredentials('https://h/?tokenizer=1&keyboard=2&primary_key_id=3')).toEqual({ userinfo: false, params: [] });
    expect(urlCredentials('nonsense')).toEqual({ userinfo: false, params: [] });
  });

  it.each([
    'token',
    'ACCESS_TOKEN',
    'access-token',
    'accessToken',
    'api_key',
    'apikey',
    'key',
    'secret',
    'client_secret',
    'password',
    'sig',
    'signature',
    'private_token',
    'gitlab.token',
  ])('%s looks like a credential', (name) => expect(isSecretParamName(name)).toBe(true));
});

describe('normalizeUrl', () => {
  it('compares scheme/host case, default port and fragment away; keeps path and query', () => {
    expect(normalizeUrl('HTTPS://H.Example.com:443/Path?q=1#f')).toBe('https://h.example.com/Path?q=1');
    expect(normalizeUrl('https://h.example.com/path/')).not.toBe(normalizeUrl('https://h.example.com/path'));
  });
});
