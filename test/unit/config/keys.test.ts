import { describe, expect, it } from 'vitest';
import { isSecretPath, schemaAt, splitKey, valueFor } from '../../../src/config/keys.js';
import { SETTINGS_SECTIONS } from '../../../src/runtime/providers.js';

const set = (key: string, text: string) => {
  const path = splitKey(key, 'set');
  return valueFor(schemaAt(path, SETTINGS_SECTIONS, 'set'), path, text);
};

describe('config keys from the config schema', () => {
  it.each([
    ['timeout', '20000', 20000],
    ['output', 'json', 'json'],
    ['defaultProfile', 'ci', 'ci'],
    ['maxPages', '50', 50],
    ['profiles.ci.huaweicloud.region', 'cn-north-4', 'cn-north-4'],
    ['profiles.ci.huaweicloud.iam.password', '${env:IAM_PW}', '${env:IAM_PW}'],
    ['rules.no-secret', 'high', 'high'],
    ['rules.no-secret.enabled', 'false', false],
    ['rateBudget.codeup.burst', '10', 10],
    ['rateBudget.codeup', '{"ratePerSecond": 5}', { ratePerSecond: 5 }],
  ])('%s %s → %j', (key, text, value) => {
    expect(set(key, text)).toEqual(value);
  });

  it.each([
    ['timeout', '1.5', 'config set timeout: Invalid input: expected int, received number (got "1.5")'],
    ['retries', '11', 'config set retries: Too big: expected number to be <=10 (got "11")'],
    [
      'rules.no-such-rule',
      'off',
      'config set rules.no-such-rule: unknown key no-such-rule under rules; keys there: insecure-url, tls-verify-disabled, no-secret,',
    ],
    ['profiles.ci..x', '1', 'config set "profiles.ci..x": a key is names joined by dots'],
    [
      'profiles.ci.gitlab.token',
      'x',
      'config set profiles.ci.gitlab.token: unknown key gitlab under profiles.ci; keys there: codeup, huaweicloud, codearts, servicestage',
    ],
    ['a..b', '1', 'config set "a..b": a key is names joined by dots, e.g. timeout or profiles.ci.codearts.region'],
  ])('%s %s is refused: %s', (key, text, message) => {
    expect(() => set(key, text)).toThrow(message);
  });

  it('knows the credential keys from the settings sections', () => {
    expect(isSecretPath(['profiles', 'ci', 'huaweicloud', 'iam', 'password'], SETTINGS_SECTIONS)).toBe(true);
    expect(isSecretPath(['profiles', 'ci', 'codeup', 'token'], SETTINGS_SECTIONS)).toBe(true);
    expect(isSecretPath(['profiles', 'ci', 'huaweicloud', 'region'], SETTINGS_SECTIONS)).toBe(false);
    expect(isSecretPath(['timeout'], SETTINGS_SECTIONS)).toBe(false);
  });
});
