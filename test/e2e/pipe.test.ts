/** The process as a shell sees it: `| head`, and a long bulk run, end without stack traces or warnings. */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { BIN, baseEnv, emptyDir, runMain } from '../helpers/cli.js';
import { type StartedEmulator, startEmulator } from '../helpers/emulator.js';

let emu: StartedEmulator;
let env: Record<string, string>;
const targets = Array(200).fill('codearts:9').join(' ');

beforeAll(async () => {
  emu = await startEmulator();
  env = emulatorEnv(emu.url);
  // Twenty hooks to list, made in process: twenty subprocesses here took most of a loaded
  // machine's hook timeout, and what this file tests is the listing process, not the creates.
  for (let i = 0; i < 20; i++) {
    const created = await runMain(['hooks', 'create', 'codearts:9', '--url', `https://ci.example.com/${i}`, '--name', `n${i}`], { env });
    if (created.code !== 0) throw new Error(`seeding hook ${i} failed: ${created.stderr}`);
  }
});
afterAll(async () => emu.close());

function sh(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', script], { env: baseEnv({ ...env, HOOKCTL: `${process.execPath} ${BIN}` }), cwd: emptyDir() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('stops quietly when the reader of stdout goes away (| head)', async () => {
  const out = await sh(`$HOOKCTL hooks list ${targets} | head -1; $HOOKCTL config show | head -1`);
  expect(out.stdout.split('\n')[0]).toMatch(/^codearts:9\t/);
  expect(out.stderr).toBe('');
});

it('a large concurrent bulk run prints no Node warning', async () => {
  const out = await sh(`$HOOKCTL hooks list ${targets} --concurrency 32 > /dev/null`);
  expect(out.code).toBe(0);
  expect(out.stderr).toBe('');
});
