/**
 * Signals against the real bin/hookctl.js while it waits between retries: a CI job cancelled
 * during a 429 Retry-After wait ends at once with exit 143 and one line, not after the wait, and
 * not killed mid-way without a word.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { BIN, baseEnv, emptyDir } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

async function signalDuringWait(args: string[], signal: NodeJS.Signals) {
  const res = await fetch(`${emu.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ faults: ['429:retry-after=25'] }) });
  expect(res.status).toBe(200);
  const cwd = emptyDir();
  const env = baseEnv({ ...emulatorEnv(emu.url), HOME: cwd, XDG_CONFIG_HOME: join(cwd, '.config'), XDG_CACHE_HOME: join(cwd, '.cache') });
  const proc = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('close', (code, sig) => resolve({ code, signal: sig })),
  );
  // The first answer (a 429 asking for 25 s) has been sent once the emulator logged the request.
  for (let waited = 0; emu.server.requests.filter((r) => r.url.includes('/hooks')).length === 0; waited += 20) {
    if (waited > 20_000) throw new Error('hookctl sent no request');
    await new Promise((r) => setTimeout(r, 20));
  }
  // Usually the signal lands in the wait; if it lands while the 429 is on its way, the outcome is the same.
  await new Promise((r) => setTimeout(r, 200));
  const sentAt = Date.now();
  proc.kill(signal);
  const end = await closed;
  return { ...end, stdout, stderr, afterSignalMs: Date.now() - sentAt };
}

describe('a signal during a Retry-After wait', () => {
  for (const [signal, exit] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal}: exit ${exit} at once with one line, one request sent`, async () => {
      const out = await signalDuringWait(['hooks', 'get', 'codearts:77', '20001'], signal);
      expect({ code: out.code, signal: out.signal }).toEqual({ code: exit, signal: null });
      expect(out.stderr).toBe('error: interrupted\n');
      expect(out.stdout).toBe('');
      // Generous bound: the wait it cut short was 25 s.
      expect(out.afterSignalMs).toBeLessThan(10_000);
      expect(emu.server.requests.filter((r) => r.url.includes('/hooks'))).toHaveLength(1);
    });
  }
});
