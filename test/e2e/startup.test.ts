/**
 * Start-up budget (issue 12): one `hooks list` or `hooks create` against the emulator stays under
 * 70 MB of peak memory on Node 20 (it was 110 MB with every module of every dependency loaded and undici for
 * one request). Memory, not time: it does not move with the machine's load. Timings are in
 * `npm run bench`. Peak RSS comes from GNU time, which the test needs.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { BIN, emptyDir } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { CHILD_TIMEOUT_MS } from '../helpers/timeouts.js';

const TIME = '/usr/bin/time';
// The budget, 70 MB, is for Node 20 (measured: 63 MB). Node 22 and 24 take about 13 MB more
// for the very same run (76 MB measured on 24.22; an empty module alone is 43 MB there against 42).
const LIMIT_MB = Number(process.versions.node.split('.')[0]) >= 22 ? 80 : 70;
const emu = useEmulator();
let env: Record<string, string>;
beforeAll(() => {
  env = emulatorEnv(emu.url);
});

/** Runs hookctl under GNU time; resolves its exit code and peak RSS in MB. */
function peakRss(args: string[]): Promise<{ code: number | null; mb: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ['-f', 'maxrss=%M', process.execPath, BIN, ...args], { cwd: emptyDir(), env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, mb: Number(/maxrss=(\d+)/.exec(stderr)?.[1]) / 1024, stderr });
    });
  });
}

describe.skipIf(!existsSync(TIME))('start-up memory', () => {
  it(`hooks list and hooks create on one target peak under ${LIMIT_MB} MB`, async () => {
    const create = await peakRss(['hooks', 'create', 'codearts:77', '--url', 'https://ci.example.com/h', '--name', 'ci']);
    expect(create.code, create.stderr).toBe(0);
    const list = await peakRss(['hooks', 'list', 'codearts:77']);
    expect(list.code, list.stderr).toBe(0);
    expect(create.mb).toBeLessThan(LIMIT_MB);
    expect(list.mb).toBeLessThan(LIMIT_MB);
  });
});
