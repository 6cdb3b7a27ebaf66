/**
 * The bugs the fuzzers found, one named case each, so each stays fixed even if a generator changes.
 * Run through the same contract check as the fuzz cases (harness.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/http/redact.js';
import { emptyDir } from '../helpers/cli.js';
import { expectClean, runCase } from './harness.js';
import { FAKE_ENDPOINT, scriptedTransport } from './transport.js';

const HUAWEI = { HUAWEICLOUD_TOKEN: 'regression-token', HOOKCTL_ENDPOINT: FAKE_ENDPOINT };
const answer = (status: number, body: string) => scriptedTransport({ status, headers: {}, body: new TextEncoder().encode(body) });

describe('fuzz regressions', () => {
  it("commander's own usage errors: one error line and a hint; one JSON object with -o json", async () => {
    const text = await runCase(['hooks', 'list', 'codearts:1', '--frobnicate']);
    expect(text).toMatchObject({ code: 2, stdout: '', stderr: "error: unknown option '--frobnicate'\nhint: run with --help for usage\n" });
    const json = await runCase(['hooks', 'delete', '-1/-', '0', '--dry-run', '-o', 'json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr)).toEqual({ error: { code: 'usage', message: "unknown option '-1/-'", hint: 'run with --help for usage' } });
  });

  it('user input quoted in an error cannot send escape sequences to the terminal', async () => {
    const argv = ['hooks', 'create', 'codearts:1', '--url', 'https://x.example.com', '--events', 'push,\u001b]0;pwned\u0007'];
    const out = await runCase(argv);
    expectClean(out, argv);
    expect(out.stderr).toBe(
      'error: events (--events): unknown event "\\u001b]0;pwned\\u0007"\nhint: use a comma-separated subset of push,tag_push,merge_request,note\n',
    );
  });

  it('a config file nested thousands deep is a config error naming the file, not a stack overflow', async () => {
    const dir = emptyDir();
    writeFileSync(join(dir, '.hookctlrc.json'), `{"x":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`);
    const out = await runCase(['config', 'show'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`error: ${join(dir, '.hookctlrc.json')}: x.a.a…: nested more than 32 levels deep\n`);
  });

  it('a YAML warning (an unknown %directive) does not reach process.emitWarning', async () => {
    const dir = emptyDir();
    writeFileSync(join(dir, '.hookctlrc.yaml'), '%FOO bar\n---\noutput: json\n');
    expect((await runCase(['config', 'show'], { cwd: dir })).code).toBe(0); // runCase fails on any process warning
  });

  it('a provider id or URL with escape sequences is printed cleaned, on stderr and in the key/value output', async () => {
    const transport = answer(200, JSON.stringify({ id: '7\u001b[2J', url: 'https://x/\u001b[31mred\nline', name: 'n\u0007' }));
    const argv = ['hooks', 'create', 'codearts:1', '--url', 'https://x.example.com', '--name', 'n'];
    const out = await runCase(argv, { env: HUAWEI, tty: true, deps: { transport } });
    expectClean(out, argv, { table: true });
    expect(out.stderr).toBe('✓ created hook 7\\u001b[2J on codearts:1\n');
    expect(out.stdout).toContain('https://x/\\u001b[31mred line');
  });

  it('a bulk list where every target fails: no "no hooks", and says all failed', async () => {
    const argv = ['hooks', 'list', 'codearts:1', 'codearts:2'];
    const out = await runCase(argv, { env: HUAWEI, tty: true, deps: { transport: answer(500, '{}'), sleep: async () => {} } });
    expectClean(out, argv);
    expect(out.code).toBe(5);
    expect(out.stderr).not.toContain('no hooks');
    expect(out.stderr).toContain('error: all 2 targets failed\n');
  });

  it('update --dry-run with a field the provider refuses fails before announcing a replace', async () => {
    const transport = answer(200, JSON.stringify({ Success: true, Result: [{ Id: 5, Url: 'https://x.example.com' }], Total: 1 }));
    const env = { HOOKCTL_ENDPOINT: FAKE_ENDPOINT, ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIx', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'regression-secret' };
    const out = await runCase(['hooks', 'update', 'codeup:org/1', '5', '--branch-filter', 'main', '--dry-run'], { env, deps: { transport } });
    expect(out.code).toBe(2);
    expect(out.stderr).not.toContain('would delete');
  });

  it('a response body nested 9000 deep with --debug: a provider error, not a crash', async () => {
    const argv = ['hooks', 'list', 'codearts:1', '--debug'];
    const out = await runCase(argv, { env: HUAWEI, deps: { transport: answer(500, `${'{"a":'.repeat(9000)}1${'}'.repeat(9000)}`), sleep: async () => {} } });
    expectClean(out, argv, { debug: true });
    expect(out.code).toBe(1);
  });

  it('the redactor masks a secret echoed JSON-escaped or form-encoded, not only as is', () => {
    const redactor = new Redactor();
    const secret = 'pa"ss\\wo rd+/=~';
    redactor.add(secret);
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2)]) {
      expect(redactor.scrub(`before ${form} after`)).toBe('before ****** after');
    }
  });
});
