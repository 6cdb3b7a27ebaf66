/**
 * Output that cannot be written, ports that cannot be bound, and URLs that must not be taken as
 * given: each is one line and a documented exit code, never a stack trace, never a password.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BIN, baseEnv, emptyDir, type RunResult, runBin, runMain } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

/** The bin with its stdout on a given descriptor (stderr captured). */
function runWithStdout(argv: string[], stdout: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const cwd = emptyDir();
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, env: baseEnv({ HOME: cwd }), stdio: ['ignore', stdout, 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: '', stderr }));
  });
}

describe('a stdout that cannot be written', { timeout: 60_000 }, () => {
  it.each([
    ['a full disk (/dev/full)', '/dev/full', 'w', 'ENOSPC'],
    ['a descriptor not open for writing', '/dev/null', 'r', 'EBADF'],
  ])('%s: exit 1 and one line, no stack trace', async (_name, path, flags, code) => {
    const fd = openSync(path, flags);
    try {
      for (const argv of [['config', 'show'], ['--help']]) {
        const out = await runWithStdout(argv, fd);
        expect(out.stderr).toBe(`error: cannot write to standard output: ${code}\n`);
        expect(out.code).toBe(1);
      }
    } finally {
      closeSync(fd);
    }
  });
});

it('hookctl emulator --port on a busy port: one line, exit 2', { timeout: 60_000 }, async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as { port: number }).port;
  try {
    const out = await runBin(['emulator', '--port', String(port)], { timeoutMs: 30_000 });
    expect(out).toEqual({ code: 2, stdout: '', stderr: `error: --port: port ${port} is already in use (pick another, or 0 for any free port)\n` });
  } finally {
    busy.close();
  }
});

describe('--url', () => {
  const emu = useEmulator();
  const create = (url: string, extra: string[] = []) => runMain(['hooks', 'create', 'codearts:7', '--url', url, '--name', 'n', ...extra], { env: emu.env });

  it.each([
    ['a trailing space', 'https://ci.example.com/hook ', 'must not start or end with spaces'],
    ['a leading space', ' https://ci.example.com/hook', 'must not start or end with spaces'],
    ['CR/LF', 'https://ci.example.com/hook\r\nX-Injected: 1', 'must not contain control characters (CR, LF, tab or other)'],
    ['a tab', 'https://ci.example.com/\thook', 'must not contain control characters (CR, LF, tab or other)'],
    ['an escape', 'https://ci.example.com/\u001b[2Jhook', 'must not contain control characters (CR, LF, tab or other)'],
  ])('with %s is refused before anything is sent (exit 2)', async (_name, url, rule) => {
    const out = await create(url);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`error: url (--url): ${rule}\n`);
    expect(emu.server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('with user:password@ is accepted, and the password never shows (table, json, yaml, --dry-run, --debug)', async () => {
    const password = 'Pa55/w0rd+with@odd';
    const url = `https://deploy:${encodeURIComponent(password)}@ci.example.com/hook`;
    const outs = [
      await create(url, ['--debug']),
      await runMain(['hooks', 'list', 'codearts:7', '-o', 'json', '--debug'], { env: emu.env }),
      await runMain(['hooks', 'list', 'codearts:7', '-o', 'yaml'], { env: emu.env }),
      await runMain(['hooks', 'list', 'codearts:7'], { env: emu.env, tty: true }),
      await create(url, ['--dry-run', '--debug']),
    ];
    expect(outs.map((o) => o.code)).toEqual([0, 0, 0, 0, 0]);
    expect(outs[1]?.stdout).toContain('https://deploy:******@ci.example.com/hook');
    for (const out of outs) {
      for (const form of [password, encodeURIComponent(password), 'Pa55']) {
        expect(out.stdout).not.toContain(form);
        expect(out.stderr).not.toContain(form);
      }
    }
  });
});

describe('credentials in --endpoint / HOOKCTL_ENDPOINT', () => {
  const password = 'endp0int-Pa55word';
  it.each([
    ['--endpoint', (url: string) => ({ argv: ['--endpoint', url], env: {} })],
    ['HOOKCTL_ENDPOINT', (url: string) => ({ argv: [], env: { HOOKCTL_ENDPOINT: url } })],
  ])('%s: masked in config show, --debug and errors', async (_name, how) => {
    const { argv, env } = how(`http://ops:${password}@127.0.0.1:9`);
    const runs = [
      await runMain(['config', 'show', ...argv], { env }),
      await runMain(['hooks', 'list', 'codearts:7', '--debug', '--retries', '0', ...argv], { env: { HUAWEICLOUD_TOKEN: 'endpoint-test-token', ...env } }),
      await runMain(['hooks', 'list', 'codearts:7', '-o', 'json', '--retries', '0', ...argv], { env: { HUAWEICLOUD_TOKEN: 'endpoint-test-token', ...env } }),
    ];
    expect(runs[0]?.stdout).toContain('http://ops:******@127.0.0.1:9');
    for (const out of runs) {
      expect(out.stdout).not.toContain(password);
      expect(out.stderr).not.toContain(password);
    }
  });
});
