/**
 * checks.ts as tables: the environment held to the rules of flags, the region rule, the endpoint
 * rules (form, port, plain http off this machine), and --allow-http / HOOKCTL_ALLOW_HTTP.
 */
import { describe, expect, it } from 'vitest';
import { allowHttpFrom, checkEndpoint, checkEnvironment, checkRegion, envInteger, isLoopbackHost } from '../../../src/config/checks.js';
import { ConfigError } from '../../../src/errors.js';
import { SETTINGS_SECTIONS } from '../../../src/providers/registry.js';

const message = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
};

describe('checkEnvironment', () => {
  it.each([
    [{}, undefined],
    [{ HOOKCTL_ENDPOINT: 'http://127.0.0.1:8080' }, undefined],
    [{ HOOKCTL_ENDPOINT: 'http://hooks.example.com' }, undefined], // form only: plain http is judged where it is used
    [{ HOOKCTL_ENDPOINT: '' }, 'env HOOKCTL_ENDPOINT: must not be empty (unset it to use the default)'],
    [{ HOOKCTL_ENDPOINT: 'ftp://x' }, 'env HOOKCTL_ENDPOINT: must be an http(s) URL (got ftp://)'],
    [{ HOOKCTL_IAM_ENDPOINT: 'https://iam.example.com:0' }, 'env HOOKCTL_IAM_ENDPOINT: port 0 is not a port'],
    [{ HOOKCTL_CODEARTS_ENDPOINT: 'x' }, 'env HOOKCTL_CODEARTS_ENDPOINT: is not a URL'],
    [{ HOOKCTL_CODEUP_MODE: 'oapi' }, undefined],
    [{ HOOKCTL_CODEUP_MODE: 'v9' }, 'env HOOKCTL_CODEUP_MODE: must be v3 or oapi (got "v9")'],
    [{ HOOKCTL_CODEUP_MODE: '' }, 'env HOOKCTL_CODEUP_MODE: must be v3 or oapi (got "")'],
    [{ HOOKCTL_ALLOW_HTTP: 'on' }, 'env HOOKCTL_ALLOW_HTTP: must be 1 or 0 (got "on")'],
    [{ HOOKCTL_ENDPOINT: 'ftp://\u001b[31mx' }, 'env HOOKCTL_ENDPOINT: is not a URL'], // the value is never echoed
  ])('%o → %s', (env, expected) => {
    expect(message(() => checkEnvironment(env, SETTINGS_SECTIONS))).toBe(expected);
  });

  it('envInteger: whole numbers within bounds, named when wrong', () => {
    const range = { min: 1, max: 64 };
    expect(envInteger({}, 'HOOKCTL_X', range)).toBeUndefined();
    expect(envInteger({ HOOKCTL_X: '8' }, 'HOOKCTL_X', range)).toBe(8);
    for (const bad of ['', ' ', '0', '65', '1.5', 'eight', '1e3']) {
      expect(message(() => envInteger({ HOOKCTL_X: bad }, 'HOOKCTL_X', range))).toBe(
        `env HOOKCTL_X: must be a whole number from 1 to 64 (got ${JSON.stringify(bad)})`,
      );
    }
  });
});

describe('allowHttpFrom', () => {
  it.each([
    [undefined, {}, false],
    [true, {}, true],
    [undefined, { HOOKCTL_ALLOW_HTTP: '1' }, true],
    [undefined, { HOOKCTL_ALLOW_HTTP: 'true' }, true],
    [undefined, { HOOKCTL_ALLOW_HTTP: '0' }, false],
    [true, { HOOKCTL_ALLOW_HTTP: '0' }, true],
  ])('flag %s, env %o → %s', (flag, env, expected) => {
    expect(allowHttpFrom(flag, env)).toBe(expected);
  });
});

describe('checkRegion', () => {
  it.each(['cn-north-4', 'cn-east-3', 'ap-southeast-1', 'la-south-2', 'af-south-1', 'ru-moscow-1', 'cn-southwest-2'])('%s passes', (region) => {
    expect(message(() => checkRegion({ value: region, source: 'flag --region' }))).toBeUndefined();
  });
  it.each(['x@evil.example/#', 'cn-north-4.evil.example', 'cn-north-4/', 'CN-NORTH-4', 'cn', 'cn-', '-cn-north-4', 'cn north 4', `cn-${'a'.repeat(80)}`])(
    '%j is refused, naming its source',
    (region) => {
      const text = message(() => checkRegion({ value: region, source: 'env HUAWEICLOUD_SDK_REGION' }));
      expect(text).toMatch(/^region \(env HUAWEICLOUD_SDK_REGION\): must look like a region, e\.g\. cn-north-4 or ap-southeast-1 \(got ".*"\)$/);
    },
  );
});

describe('checkEndpoint', () => {
  const check = (value: string, allowHttp = false) => message(() => checkEndpoint({ value, source: 'profile p' }, 'codearts endpoint', allowHttp));
  it.each([
    ['https://codehub-ext.cn-north-4.myhuaweicloud.com', false, undefined],
    ['http://127.0.0.1:8080', false, undefined],
    ['http://127.255.0.9', false, undefined],
    ['http://localhost:1', false, undefined],
    ['http://[::1]:8080', false, undefined],
    ['http://hooks.example.com', true, undefined],
    [
      'http://hooks.example.com/x',
      false,
      'codearts endpoint (profile p): http://hooks.example.com would send credentials in clear to a host off this machine; use https, or pass --allow-http (HOOKCTL_ALLOW_HTTP=1) if you mean it',
    ],
    [
      'http://user:pw@10.0.0.1:8080',
      false,
      'codearts endpoint (profile p): http://10.0.0.1:8080 would send credentials in clear to a host off this machine; use https, or pass --allow-http (HOOKCTL_ALLOW_HTTP=1) if you mean it',
    ],
    ['http://127.0.0.1.evil.example', false, expect.stringContaining('would send credentials in clear')],
    ['http://localhost.evil.example', false, expect.stringContaining('would send credentials in clear')],
    ['https://x:0', true, 'codearts endpoint (profile p): port 0 is not a port'],
    ['gopher://x', true, 'codearts endpoint (profile p): must be an http(s) URL (got gopher://)'],
  ])('%s (allow-http %s)', (value, allowHttp, expected) => {
    expect(check(value, allowHttp)).toEqual(expected);
  });

  it.each([
    ['localhost', true],
    ['LOCALHOST.', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['128.0.0.1', false],
    ['0.0.0.0', false],
    ['[::ffff:7f00:1]', false],
  ])('isLoopbackHost(%s) = %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
