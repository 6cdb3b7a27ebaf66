/**
 * The suite's closing line counts a run that failed outside its tests as failed. One real vitest
 * run over test/fixtures/reporter (not part of the main include): a beforeAll that times out, an
 * afterAll that throws in a describe block and at file level, and a file that cannot be imported.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';
import { CHILD_TIMEOUT_MS } from '../../helpers/timeouts.js';

function runFixtureSuite(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Nothing of this run's own vitest state leaks into the child run.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const config = join(ROOT, 'test/fixtures/reporter/vitest.config.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config], {
      cwd: ROOT,
      env: { ...env, NO_COLOR: '1', CI: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

it('a run with failed hooks and an unloadable file exits 1 and its closing line counts each of them as failed', async () => {
  const run = await runFixtureSuite();
  expect(run.code, run.stderr).toBe(1);
  const lines = run.stdout.trimEnd().split('\n');
  // 3 tests pass; the timed-out beforeAll, two afterAll errors and the broken import fail; the
  // test under the failed beforeAll is skipped.
  expect(lines.at(-1)).toBe('3 passed, 4 failed, 1 skipped');
  expect(run.stderr).toContain('Hook timed out in 100ms');
  expect(run.stderr).toContain("Cannot find module './does-not-exist.js'");
});
