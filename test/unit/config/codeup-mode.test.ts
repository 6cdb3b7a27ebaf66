/** Codeup mode: an explicit choice wins; a token without an AccessKey pair selects the Yunxiao OpenAPI. */
import { describe, expect, it } from 'vitest';
import type { ResolvedSettings } from '../../../src/config/resolve.js';
import { Secret } from '../../../src/model/secret.js';
import { settleCodeupMode } from '../../../src/providers/codeup/settings.js';

const TOKEN = 'pt-mode-test-token';
type CodeupSettings = ResolvedSettings['codeup'];
const token = { value: new Secret(TOKEN), source: 'env CODEUP_TOKEN' };
const keys = { accessKeyId: { value: 'LTAI', source: 'env A' }, accessKeySecret: { value: new Secret('k'), source: 'env B' } };
const defaults: Pick<CodeupSettings, 'mode' | 'endpoint'> = {
  mode: { value: 'v3', source: 'default' },
  endpoint: { value: 'https://codeup.cn-hangzhou.aliyuncs.com', source: 'default' },
};

describe('Codeup mode choice', () => {
  it.each<[string, CodeupSettings, 'v3' | 'oapi', string]>([
    ['token only, mode left default → oapi on the Yunxiao host', { ...defaults, token }, 'oapi', 'https://openapi-rdc.aliyuncs.com'],
    [
      'token only, endpoint set → oapi on that endpoint',
      { ...defaults, endpoint: { value: 'http://127.0.0.1:1', source: 'env HOOKCTL_ENDPOINT' }, token },
      'oapi',
      'http://127.0.0.1:1',
    ],
    ['token and AK/SK → v3 (the token rides along as AccessToken)', { ...defaults, ...keys, token }, 'v3', 'https://codeup.cn-hangzhou.aliyuncs.com'],
    ['no credentials → v3 (which then asks for a key)', { ...defaults }, 'v3', 'https://codeup.cn-hangzhou.aliyuncs.com'],
    [
      'explicit v3 with a token only → v3, as asked',
      { ...defaults, mode: { value: 'v3', source: 'flag --codeup-mode' }, token },
      'v3',
      'https://codeup.cn-hangzhou.aliyuncs.com',
    ],
    [
      'explicit oapi with AK/SK too → oapi',
      {
        ...defaults,
        ...keys,
        mode: { value: 'oapi', source: 'env HOOKCTL_CODEUP_MODE' },
        endpoint: { value: 'https://openapi-rdc.aliyuncs.com', source: 'default' },
        token,
      },
      'oapi',
      'https://openapi-rdc.aliyuncs.com',
    ],
  ])('%s', (_, settings, mode, endpoint) => {
    const settled = settleCodeupMode(settings);
    expect(settled.mode.value).toBe(mode);
    expect(settled.endpoint.value).toBe(endpoint);
    expect(JSON.stringify(settled)).not.toContain(TOKEN);
  });

  it('says the choice was automatic and where the token came from (config show, auth status, --debug)', () => {
    expect(settleCodeupMode({ ...defaults, token }).mode.source).toBe('automatic: a personal token (env CODEUP_TOKEN) and no AccessKey pair');
  });
});
