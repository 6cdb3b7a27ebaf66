/**
 * The real bin/hookctl.js (run `npm run build` first) against faults set as users set them:
 * `hookctl emulator --fault SPEC --seed N`, and the `/_emulator/faults` control endpoint. Real
 * waits here are few and short; the in-process suites cover the rest.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { BIN, baseEnv, emptyDir, runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

describe('hookctl emulator --fault', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGINT');
    child = undefined;
  });

  const start = (args: string[]) =>
    new Promise<{ env: Record<string, string>; banner: string }>((resolve, reject) => {
      child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', ...args], { env: baseEnv(), cwd: emptyDir() });
      let out = '';
      let err = '';
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('SERVICESTAGE_REPO_AUTH=')) {
          resolve({ env: Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string])), banner: err });
        }
      });
      child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${err}`)));
    });

  it('rehearses a CI step against two 503s: the list succeeds and the emulator counts the faults', async () => {
    const { env, banner } = await start(['--fault', '503:times=2,method=GET', '--seed', '3']);
    expect(banner).toContain('faults (seed 3): 503:times=2,method=GET');
    const out = await runBin(['hooks', 'list', 'codearts:77', '--json'], { env });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.trim()).toBe('[]');
    const faults = await (await fetch(`${env.HOOKCTL_ENDPOINT}/_emulator/faults`)).json();
    expect(faults).toEqual({ seed: 3, faults: [{ spec: '503:times=2,method=GET', matched: 3, fired: 2, remaining: 0 }] });
  });

  it('refuses a bad SPEC with exit 2', async () => {
    const out = await runBin(['emulator', '--fault', '503:colour=red']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--fault: fault "503:colour=red": unknown option "colour"');
  });
});

describe('faults set at /_emulator/faults', () => {
  const emu = useEmulator();
  let env: Record<string, string>;
  beforeAll(() => {
    env = { ...emulatorEnv(emu.url), NO_COLOR: '1' };
  });

  const setFaults = async (...faults: string[]) => {
    const res = await fetch(`${emu.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ faults }) });
    expect(res.status).toBe(200);
  };
  const attempts = (method: string, from: number) => emu.server.requests.slice(from).filter((r) => r.method === method).length;

  it('a connection reset after the create was applied: exit 0, reported as created, exactly one hook', async () => {
    await setFaults('reset-after:method=POST');
    const mark = emu.server.requests.length;
    const out = await runBin(['hooks', 'create', 'codearts:77', '--url', 'https://ci.example.com/h', '--name', 'ci', '--json'], { env });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(
      /^note: CodeArts Repo: the create request failed \(.*connection closed before the response arrived\), but hook \d+ with this URL now exists: reporting it as created$/m,
    );
    expect(JSON.parse(out.stdout)).toMatchObject({ url: 'https://ci.example.com/h', name: 'ci' });
    expect(attempts('POST', mark)).toBe(1);
    const state = (await (await fetch(`${emu.url}/_emulator/state`)).json()) as { codearts: Record<string, unknown[]> };
    expect(state.codearts['77']).toHaveLength(1);
  });

  it('429 with Retry-After: 1 waits at least a second before the next attempt', async () => {
    await setFaults('429:retry-after=1,method=GET');
    const mark = emu.server.requests.length;
    const started = Date.now();
    const out = await runBin(['hooks', 'list', 'servicestage:0123456789abcdef0123456789abcdef/ns/repo'], { env });
    expect(out.code, out.stderr).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(attempts('GET', mark)).toBe(2);
  });

  it('persistent 503 with --retries 1: exit 1 after 2 attempts, within the backoff bound', async () => {
    await setFaults('503:times=all');
    const mark = emu.server.requests.length;
    const out = await runBin(['hooks', 'list', 'codeup:ORG/100', '--retries', '1'], { env });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^error: Codeup \(OpenAPI v3\) answered HTTP 503 ServiceUnavailable: .*\(request id [0-9A-F-]+\)$/m);
    expect(attempts('GET', mark)).toBe(2);
    // One backoff of at most 500 ms between the two attempts, as the emulator saw them (node's
    // start, slow on a loaded machine, is not part of it); the bound leaves room for the load.
    const [first, second] = emu.server.requests.slice(mark).filter((r) => r.method === 'GET');
    expect((second?.at ?? Infinity) - (first?.at ?? 0)).toBeLessThan(5000);
  });

  it('a non-JSON 200: exit 1 naming the provider and the request id', async () => {
    await setFaults('bad-json:method=GET');
    const out = await runBin(['hooks', 'list', 'codearts:77'], { env });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^error: CodeArts Repo answered HTTP 200 with a body that is not JSON \(request id [0-9a-f]{32}\)$/m);
  });

  it('Ctrl-C during a Retry-After wait exits 130 at once', async () => {
    await setFaults('429:retry-after=20,times=all');
    const run = spawn(process.execPath, [BIN, 'hooks', 'list', 'codearts:77'], { env: baseEnv(env), cwd: emptyDir() });
    let stderr = '';
    run.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const mark = emu.server.requests.length;
    // Interrupt once the first attempt was answered and hookctl is waiting.
    let interruptedAt = Infinity;
    const poll = setInterval(() => {
      if (attempts('GET', mark) > 0) {
        clearInterval(poll);
        setTimeout(() => {
          interruptedAt = Date.now();
          run.kill('SIGINT');
        }, 200);
      }
    }, 20);
    const code = await new Promise<number | null>((resolve) => run.on('exit', (c) => resolve(c)));
    clearInterval(poll);
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted');
    // At once: well inside the 20 s Retry-After, counted from Ctrl-C (not from node's start).
    expect(Date.now() - interruptedAt).toBeLessThan(10_000);
    expect(attempts('GET', mark)).toBe(1);
  });
});
