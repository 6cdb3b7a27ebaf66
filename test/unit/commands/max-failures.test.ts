/** A fleet run where target after target fails: it stops at --max-failures and names only the first failures. */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/errors.js';
import type { Target } from '../../../src/model/target.js';
import type { Provider } from '../../../src/providers/types.js';
import { runMain } from '../../helpers/cli.js';
import { fakeProvider } from '../../helpers/fake-provider.js';

/** `codeup:acme/*` discovers `count` repositories, every one of which is gone; counts the listings tried. */
function failingFleet(count: number): { provider: Provider; tried: () => number; discovered: () => number } {
  let tried = 0;
  let discovered = 0;
  const provider = Object.assign(fakeProvider('codeup'), {
    async *expand(): AsyncIterable<Target> {
      for (let i = 1; i <= count; i++) {
        discovered++;
        yield { provider: 'codeup', organizationId: 'acme', projectId: String(i) } as Target;
      }
    },
    // biome-ignore lint/correctness/useYield: every listing fails before its first hook
    async *list(target: Target) {
      tried++;
      throw new NotFoundError(`repository ${JSON.stringify(target)} not found`);
    },
  });
  return { provider, tried: () => tried, discovered: () => discovered };
}

describe('--max-failures', () => {
  it('the default (50): no new target after 50 failures, 10 failure lines, one line for the rest, one for the stop; exit 5', async () => {
    const fleet = failingFleet(1000);
    const run = await runMain(['hooks', 'list', 'codeup:acme/*', '--concurrency', '4'], { deps: { provider: () => fleet.provider } });
    expect(run.code).toBe(5);
    // The 4 in flight when the 50th failed still finish; nothing after them starts.
    expect(fleet.tried()).toBeLessThanOrEqual(50 + 4);
    expect(fleet.discovered()).toBeLessThanOrEqual(50 + 4 + 1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('failed: ')).length).toBe(10);
    expect(run.stderr).toMatch(/^… and \d+ more failed targets \(--debug names every one\); stopped/m);
    expect(run.stderr).toContain(
      'stopped after 50 failed targets (--max-failures 50): the targets not yet discovered were not tried, so the run is incomplete',
    );
    // The named failures, the stop, the summary and the error line.
    expect(lines.length).toBeLessThanOrEqual(10 + 3);
  });

  it('--max-failures 3 over literal targets: says how many were not tried', async () => {
    const fleet = failingFleet(0);
    const targets = Array.from({ length: 8 }, (_, i) => `codeup:acme/${i + 1}`);
    const run = await runMain(['hooks', 'list', ...targets, '--concurrency', '1', '--max-failures', '3'], { deps: { provider: () => fleet.provider } });
    expect(run.code).toBe(5);
    expect(fleet.tried()).toBe(3);
    expect(run.stderr).toContain('stopped after 3 failed targets (--max-failures 3): 5 targets not tried');
  });

  it('a value out of range is refused naming the flag (exit 2)', async () => {
    const fleet = failingFleet(0);
    const targets = Array.from({ length: 5 }, (_, i) => `codeup:acme/${i + 1}`);
    const bad = await runMain(['hooks', 'list', ...targets, '--max-failures', '0'], { deps: { provider: () => fleet.provider } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-failures/);
  });
});
