/**
 * Ctrl-C and SIGTERM sent to the real bin/hookctl.js in the middle of a run against the emulator
 * (with a per-request latency). Targets above GATE never get an answer until the test ends, so the
 * signal always lands while exactly GATE targets are listed and `--concurrency` requests hang:
 * no timing decides the outcome.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { BIN, baseEnv, emptyDir, runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator({ latencyMs: 20 });
const GATE = 10;
const CONCURRENCY = 4;
const HOOKS_PATH = /\/v4\/groups\/(\d+)\/hooks$/;

let release: () => void = () => {};
let child: ChildProcess | undefined;
afterEach(() => {
  release();
  child?.kill('SIGKILL');
  child = undefined;
});

/** Requests for targets above GATE wait here (then go on to the emulator) until the test ends. */
function holdTargetsAboveGate(): void {
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  emu.server.use(
    http.get(HOOKS_PATH, async ({ request }) => {
      const id = Number(new URL(request.url).pathname.match(HOOKS_PATH)?.[1]);
      if (id > GATE) await gate;
      return undefined; // fall through to the emulator
    }),
  );
}

const heldRequests = () => emu.server.requests.filter((r) => Number(new URL(r.url).pathname.match(HOOKS_PATH)?.[1]) > GATE).length;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts hookctl, waits until `held` requests hang at the gate, then sends `signal`. */
function runAndSignal(args: string[], signal: NodeJS.Signals, held: number): Promise<Run> {
  const cwd = emptyDir();
  const env = baseEnv({ ...emulatorEnv(emu.url), HOME: cwd, XDG_CONFIG_HOME: join(cwd, '.config'), XDG_CACHE_HOME: join(cwd, '.cache') });
  const proc = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const closed = new Promise<Run>((resolve) => proc.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr })));
  return until(() => heldRequests() >= held || proc.exitCode !== null, `${held} requests at the gate`).then(() => {
    proc.kill(signal);
    return closed;
  });
}

const targets = (n: number) => Array.from({ length: n }, (_, i) => `codearts:${i + 1}`);

describe('signals during a bulk list', () => {
  for (const [signal, exit] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} mid-run: exit ${exit}, one "interrupted: N of M targets listed" line, the listed hooks stay printed`, async () => {
      const created = await runBin(['hooks', 'create', 'codearts:3', '--url', 'https://ci.example.com/signals', '--name', 'ci', '--events', 'push', '--json'], {
        env: emulatorEnv(emu.url),
      });
      expect(created.code, created.stderr).toBe(0);
      holdTargetsAboveGate();

      const out = await runAndSignal(['hooks', 'list', ...targets(60), '--concurrency', String(CONCURRENCY), '--json'], signal, CONCURRENCY);

      expect({ code: out.code, signal: out.signal }).toEqual({ code: exit, signal: null });
      // With --json the one line is the JSON error object.
      expect(out.stderr.split('\n')).toEqual([expect.any(String), '']);
      expect(JSON.parse(out.stderr)).toEqual({ error: { code: 'interrupted', message: `interrupted: ${GATE} of 60 targets listed`, hint: null } });
      const listed = JSON.parse(out.stdout) as { target: string; url: string }[];
      expect(listed).toEqual([expect.objectContaining({ target: 'codearts:3', url: 'https://ci.example.com/signals' })]);
      // No target past the ones in flight was started after the signal.
      expect(heldRequests()).toBe(CONCURRENCY);
    });
  }

  it('SIGINT on a table run prints no failed: line per unfinished target', async () => {
    holdTargetsAboveGate();
    const out = await runAndSignal(['hooks', 'list', ...targets(30), '--concurrency', String(CONCURRENCY)], 'SIGINT', CONCURRENCY);
    expect(out.code).toBe(130);
    expect(out.stderr).not.toContain('failed:');
    expect(out.stderr.trim().split('\n')).toEqual([`error: interrupted: ${GATE} of 30 targets listed`]);
  });
});

describe('signals during a single-target command', () => {
  for (const [signal, exit] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal}: exit ${exit} and one line, no stack trace`, async () => {
      holdTargetsAboveGate();
      const out = await runAndSignal(['hooks', 'list', `codearts:${GATE + 1}`], signal, 1);
      expect({ code: out.code, signal: out.signal }).toEqual({ code: exit, signal: null });
      expect(out.stderr).toBe('error: interrupted\n');
      expect(out.stdout).toBe('');
    });
  }
});

describe('signals during an audit', () => {
  for (const format of ['table', 'json', 'sarif', 'csv'] as const) {
    it(`SIGINT mid-audit, -o ${format}: the findings of the targets read are printed, and both closing lines count the same targets`, async () => {
      const created = await runBin(['hooks', 'create', 'codearts:3', '--url', 'http://ci.example.com/plain', '--name', 'ci', '--events', 'push'], {
        env: emulatorEnv(emu.url),
      });
      expect(created.code, created.stderr).toBe(0);
      holdTargetsAboveGate();
      const out = await runAndSignal(['audit', ...targets(30), '--concurrency', String(CONCURRENCY), '-o', format], 'SIGINT', CONCURRENCY);
      expect(out.code).toBe(130);
      expect(out.stdout).toContain('http://ci.example.com/plain');
      if (format === 'json') expect(JSON.parse(out.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'codearts:3' })]));
      if (format === 'sarif') expect((JSON.parse(out.stdout) as { runs: { results: unknown[] }[] }).runs[0]?.results.length).toBeGreaterThan(0);
      const closing = out.stderr.trim().split('\n').slice(-2);
      expect(closing[0]).toMatch(new RegExp(`^${GATE} targets, 1 hook, \\d+ findings? in [\\d.]+ s \\([\\d.]+ targets/s\\), interrupted$`));
      const message = `interrupted: ${GATE} of 30 targets listed`;
      // With -o json the error line is the JSON error object.
      if (format === 'json') expect(JSON.parse(closing[1] ?? '')).toEqual({ error: { code: 'interrupted', message, hint: null } });
      else expect(closing[1]).toBe(`error: ${message}`);
    });
  }
});
