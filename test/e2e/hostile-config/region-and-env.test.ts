/**
 * Issue 7 §1 and §6: a region is put into host names, so only a region id passes, whoever set it;
 * hookctl's environment variables are held to the same rules as flags (exit 2 naming the variable,
 * before any request: not four retries and exit 6, not silently ignored).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CI_CREDENTIALS, lines, makeWorld, useCapture } from './world.js';

const capture = useCapture();

describe('region injection: exit 2 naming the source, zero connections', () => {
  const injected = () => `x@${new URL(capture.url).host}/#`;
  it.each([
    ['flag --region', () => ({ args: ['--region', injected()], env: {} })],
    ['env HUAWEICLOUD_SDK_REGION', () => ({ args: [], env: { HUAWEICLOUD_SDK_REGION: injected() } })],
  ])('%s', async (source, make) => {
    const world = makeWorld();
    const { args, env } = make();
    const out = await world.run(['hooks', 'list', 'codearts:77', ...args], { env: { ...CI_CREDENTIALS, ...env } });
    expect(capture.connections).toBe(0);
    expect(out.code).toBe(2);
    expect(lines(out.stderr)).toEqual([
      `error: region (${source}): must look like a region, e.g. cn-north-4 or ap-southeast-1 (got ${JSON.stringify(injected())})`,
    ]);
  });

  it('a profile in a file the user named (--config) is checked too, naming the key', async () => {
    const world = makeWorld();
    const file = world.write(
      join(world.home, 'mine.yaml'),
      `profiles:\n  default:\n    huaweicloud: { region: "cn-north-4.${new URL(capture.url).hostname}#" }\n`,
    );
    const out = await world.run(['hooks', 'list', 'codearts:77', '--config', file], { env: { ...CI_CREDENTIALS } });
    expect(capture.connections).toBe(0);
    expect(out.code).toBe(2);
    expect(lines(out.stderr)).toEqual([`error: ${file}: profiles.default.huaweicloud.region: must look like a region, e.g. cn-north-4 or ap-southeast-1`]);
  });

  it.each(['cn-north-4', 'ap-southeast-1', 'la-south-2', 'ru-moscow-1'])('%s is a region', async (region) => {
    const out = await makeWorld().run(['config', 'show', '--json', '--region', region]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).huaweicloud.region).toEqual({ value: region, source: 'flag --region' });
  });
});

describe('environment settings are checked like flags: exit 2 naming the variable, nothing sent', () => {
  it.each([
    ['HOOKCTL_ENDPOINT', 'ftp://127.0.0.1/', 'env HOOKCTL_ENDPOINT: must be an http(s) URL (got ftp://)'],
    ['HOOKCTL_ENDPOINT', 'http://127.0.0.1:0', 'env HOOKCTL_ENDPOINT: port 0 is not a port'],
    ['HOOKCTL_ENDPOINT', '', 'env HOOKCTL_ENDPOINT: must not be empty (unset it to use the default)'],
    ['HOOKCTL_CODEARTS_ENDPOINT', 'not a url', 'env HOOKCTL_CODEARTS_ENDPOINT: is not a URL'],
    ['HOOKCTL_CODEUP_ENDPOINT', '   ', 'env HOOKCTL_CODEUP_ENDPOINT: must not be empty (unset it to use the default)'],
    ['HOOKCTL_SERVICESTAGE_ENDPOINT', 'file:///etc/passwd', 'env HOOKCTL_SERVICESTAGE_ENDPOINT: must be an http(s) URL (got file://)'],
    ['HOOKCTL_IAM_ENDPOINT', 'ftp://iam.example.com', 'env HOOKCTL_IAM_ENDPOINT: must be an http(s) URL (got ftp://)'],
    ['HOOKCTL_CODEUP_MODE', 'v9', 'env HOOKCTL_CODEUP_MODE: must be v3 or oapi (got "v9")'],
    ['HOOKCTL_ALLOW_HTTP', 'yes', 'env HOOKCTL_ALLOW_HTTP: must be 1 or 0 (got "yes")'],
  ])('%s=%j', async (name, value, message) => {
    const out = await makeWorld().run(['hooks', 'list', 'codearts:77', 'codeup:ORG/100'], { env: { ...CI_CREDENTIALS, [name]: value } });
    expect(out.code).toBe(2);
    expect(lines(out.stderr)).toEqual([`error: ${message}`]);
    expect(capture.connections).toBe(0);
  });

  it('the same rules hold for `config show` and `auth status`', async () => {
    for (const args of [
      ['config', 'show'],
      ['auth', 'status'],
    ]) {
      const out = await makeWorld().run(args, { env: { HOOKCTL_CODEUP_MODE: 'v9' } });
      expect(out).toMatchObject({ code: 2, stderr: 'error: env HOOKCTL_CODEUP_MODE: must be v3 or oapi (got "v9")\n' });
    }
  });
});
