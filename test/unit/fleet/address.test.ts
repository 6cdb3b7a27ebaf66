import { describe, expect, it } from 'vitest';
import { classifyAddress, classifyHostname, parseIPv6 } from '../../../src/fleet/address.js';
import { auditTarget } from '../../../src/fleet/rules.js';
import { Secret } from '../../../src/model/secret.js';

/** The kind private-address reports for a hook URL, through the URL parser as the rule sees it. */
const kindOfUrl = (url: string) => classifyHostname(new URL(url).hostname)?.kind;

describe('private addresses in hook URLs', () => {
  it.each([
    // IPv4 ranges
    ['http://127.0.0.1/', 'loopback'],
    ['http://127.255.0.9/', 'loopback'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://10.0.0.1/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://100.64.0.1/', 'shared'],
    ['http://100.127.255.254/', 'shared'],
    ['http://169.254.1.1/', 'link-local'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://100.100.100.200/latest/meta-data/', 'metadata'],
    // Legacy IPv4 spellings, which the URL parser turns into 127.0.0.1
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://0251.0376.0251.0376/', 'metadata'], // 169.254.169.254 in octal
    ['http://0xa9fea9fe/', 'metadata'],
    // IPv6
    ['http://[::1]/', 'loopback'],
    ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
    ['http://[::]/', 'unspecified'],
    ['http://[fd12:3456::1]/', 'unique-local'],
    ['http://[fc00::1]/', 'unique-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[febf::1]/', 'link-local'],
    ['http://[fec0::1]/', 'site-local'],
    ['http://[fd00:ec2::254]/', 'metadata'],
    // IPv4 inside IPv6: mapped, compatible, NAT64
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[::ffff:10.0.0.1]/', 'private'],
    ['http://[::ffff:169.254.169.254]/', 'metadata'],
    ['http://[::127.0.0.1]/', 'loopback'],
    ['http://[64:ff9b::192.168.0.1]/', 'private'],
    // Names
    ['http://localhost/', 'localhost-name'],
    ['http://LOCALHOST./', 'localhost-name'],
    ['http://api.localhost:8080/', 'localhost-name'],
  ])('%s is %s', (url, kind) => {
    expect(kindOfUrl(url)).toBe(kind);
  });

  it.each([
    'https://8.8.8.8/',
    'https://172.15.255.255/',
    'https://172.32.0.1/',
    'https://192.169.0.1/',
    'https://100.63.255.255/',
    'https://100.128.0.1/',
    'https://169.253.1.1/',
    'https://11.0.0.1/',
    'https://[2001:db8::1]/',
    'https://[2606:4700::1111]/',
    'https://[::ffff:8.8.8.8]/',
    'https://[64:ff9b::8.8.8.8]/',
    'https://[fe00::1]/',
    'https://example.com/',
    'https://localhost.example.com/',
    'https://mylocalhost/',
    'https://127.0.0.1.nip.io/', // a name: judged only when resolved
  ])('%s is public as far as the URL shows', (url) => {
    expect(kindOfUrl(url)).toBeUndefined();
  });

  it('classifies resolver answers, zone ids and all', () => {
    expect(classifyAddress('fe80::1%eth0')?.kind).toBe('link-local');
    expect(classifyAddress('::ffff:192.168.0.10')?.kind).toBe('private');
    expect(classifyAddress('93.184.216.34')).toBeUndefined();
    expect(classifyAddress('not-an-ip')).toBeUndefined();
    expect(classifyAddress('1.2.3')).toBeUndefined();
    expect(classifyAddress('01.2.3.4')).toBeUndefined();
  });

  it('parses IPv6 text into eight groups and refuses malformed text', () => {
    expect(parseIPv6('[::1]')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', '::g', '1:2:3:4:5:6:7', '::1.2.3.256']) expect(parseIPv6(bad), bad).toBeUndefined();
  });

  it('the rule reports the decoded address of a decimal-form URL', async () => {
    const findings = await auditTarget({
      target: 'codearts:7',
      provider: 'codearts',
      hooks: [{ hook: { id: '5', url: 'https://2130706433/hook', events: ['push'], secret: new Secret('') } }],
    });
    expect(findings.map((f) => [f.ruleId, f.message, f.url])).toEqual([['private-address', 'host 127.0.0.1: loopback 127.0.0.0/8', 'https://2130706433/hook']]);
  });
});
