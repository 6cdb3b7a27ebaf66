import { describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.js';

const stopped = () => {
  const controller = new AbortController();
  controller.abort(Object.assign(new Error('interrupted'), { signal: 'SIGINT' }));
  return controller.signal;
};

describe('listen (parse and start)', () => {
  it('a host beyond loopback gets a warning line; Ctrl-C ends with 130 and the count', async () => {
    const out = await runMain(['listen', '--host', '0.0.0.0', '--port', '0', '--no-verify'], { deps: { signal: stopped() } });
    expect(out.code).toBe(130);
    expect(out.stderr).toMatch(/warning: listening on 0\.0\.0\.0: other machines can reach this receiver/);
    expect(out.stderr).toMatch(/no secret: deliveries are accepted unchecked/);
    expect(out.stderr).toMatch(/stopped after 0 deliveries/);
  });

  it('loopback: no warning', async () => {
    const out = await runMain(['listen', '--port', '0', '--no-verify'], { deps: { signal: stopped() } });
    expect(out.stderr).not.toMatch(/warning/);
  });

  it('usage errors are one line, exit 2', async () => {
    const unset = await runMain(['listen', '--secret-env', 'NOPE']);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/--secret-env: environment variable NOPE is not set or empty/);
    expect((await runMain(['listen', '--no-verify', '--forward-to', 'ftp://x'])).stderr).toMatch(/--forward-to: must be an absolute http\(s\) URL/);
    expect((await runMain(['listen', '--no-verify', '--provider', 'gitlab'])).stderr).toMatch(/--provider: must be one of codeup, codearts, servicestage/);
  });

  it('without --secret-env it is refused (exit 2, one line) unless --no-verify says so; not both', async () => {
    const out = await runMain(['listen', '--port', '0'], { deps: { signal: stopped() } });
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/--secret-env: required .*pass --no-verify to accept deliveries unchecked/);
    expect((await runMain(['listen', '--port', '0', '--no-verify'], { deps: { signal: stopped() } })).code).toBe(130);
    const both = await runMain(['listen', '--no-verify', '--secret-env', 'S'], { env: { S: 'x' } });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--no-verify: cannot be combined with --secret-env/);
  });

  it('a cleartext or private forward target off this machine gets a warning; loopback and public https do not', async () => {
    const warned = async (url: string) =>
      (await runMain(['listen', '--port', '0', '--no-verify', '--forward-to', url], { deps: { signal: stopped() } })).stderr.match(/warning: .*/)?.[0];
    expect(await warned('http://ci.example.com/in')).toMatch(/forwarding to http:\/\/ci\.example\.com: cleartext http, off this machine/);
    expect(await warned('http://10.0.0.5:8080/in')).toMatch(/forwarding to http:\/\/10\.0\.0\.5:8080: cleartext http to private network 10\.0\.0\.0\/8/);
    expect(await warned('https://192.168.1.9/in')).toMatch(/forwarding to https:\/\/192\.168\.1\.9: private network 192\.168\.0\.0\/16/);
    expect(await warned('http://127.0.0.1:9000/in')).toBeUndefined();
    expect(await warned('http://localhost:9000/in')).toBeUndefined();
    expect(await warned('https://ci.example.com/in')).toBeUndefined();
  });

  it('the bounds are flags: a value out of range is one line, exit 2', async () => {
    for (const [flag, value] of [
      ['--max-body-mib', '0'],
      ['--max-unverified-kib', 'x'],
      ['--max-concurrent', '0'],
      ['--read-timeout', '-1'],
    ]) {
      const out = await runMain(['listen', '--no-verify', flag as string, value as string]);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(`${flag}: must be a whole number`);
    }
  });
});
