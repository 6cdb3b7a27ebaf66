/**
 * Prints one closing line, `N passed, N failed[, N skipped]`, after vitest's own summary: the
 * plain form CI reads to count tests (vitest's own summary is not one it parses).
 *
 * "failed" counts everything that makes the run fail, not only failed tests: an error outside a
 * test (a beforeAll that timed out, an afterAll that threw, a describe block or a whole file that
 * failed to load) counts once per error, and so does an unhandled error. Tests skipped because
 * their setup failed stay "skipped"; the setup error is what is counted as failed. Whenever vitest
 * ends with a failing exit code, the failed count is above zero.
 */
import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';

export interface RunCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export function countRun(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: TestRunEndReason): RunCounts {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const module of testModules) {
    let failedHere = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failedHere++;
      else skipped++;
    }
    // Errors outside tests: hooks, collection and import, on the file and on each describe block.
    failedHere += module.errors().length;
    for (const suite of module.children.allSuites()) failedHere += suite.errors().length;
    // A file vitest marks failed always counts, even if it recorded no error we could see.
    if (failedHere === 0 && (module.state() === 'failed' || !module.ok())) failedHere = 1;
    failed += failedHere;
  }
  failed += unhandledErrors.length;
  // Last guard: a run vitest ends with a failing exit code never reads "0 failed".
  if (failed === 0 && (reason !== 'passed' || (process.exitCode !== undefined && Number(process.exitCode) !== 0))) failed = 1;
  return { passed, failed, skipped };
}

export function summaryLine({ passed, failed, skipped }: RunCounts): string {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: TestRunEndReason): void {
    process.stdout.write(`\n${summaryLine(countRun(testModules, unhandledErrors, reason))}\n`);
  }
}
