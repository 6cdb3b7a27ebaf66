import { describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.js';

const stopped = () => {
  const controller = new AbortController();
  controller.abort(Object.assign(new Error('interrupted'), { signal: 'SIGINT' }));
  return controller.signal;
};

describe('listen (parse and start)', () => {
  it('a host beyond loopback gets a warning line; Ctrl-C ends with 130 and the count', async () => {
    const out = await runMain(['listen', '--host', '0.0.0.0', '--port', '0'], { deps: { signal: stopped() } });
    expect(out.code).toBe(130);
    expect(out.stderr).toMatch(/warning: listening on 0\.0\.0\.0: other machines can reach this receiver/);
    expect(out.stderr).toMatch(/no secret: deliveries are accepted unchecked/);
    expect(out.stderr).toMatch(/stopped after 0 deliveries/);
  });

  it('loopback: no warning', async () => {
    const out = await runMain(['listen', '--port', '0'], { deps: { signal: stopped() } });
    expect(out.stderr).not.toMatch(/warning/);
  });

  it('usage errors are one line, exit 2', async () => {
    const unset = await runMain(['listen', '--secret-env', 'NOPE']);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/--secret-env: environment variable NOPE is not set or empty/);
    expect((await runMain(['listen', '--forward-to', 'ftp://x'])).stderr).toMatch(/--forward-to: must be an absolute http\(s\) URL/);
    expect((await runMain(['listen', '--provider', 'gitlab'])).stderr).toMatch(/--provider: must be one of codeup, codearts, servicestage/);
  });
});
