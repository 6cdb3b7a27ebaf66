import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/fleet/progress.js';

const ERASE = '\r\u001b[2K';

function setup(isTTY: boolean, extra: { findings?: boolean; columns?: number } = {}) {
  let time = 0;
  const out: string[] = [];
  const progress = createProgress({ write: (t) => out.push(t), isTTY, now: () => time, ...extra });
  return { progress, out, advance: (ms: number) => (time += ms) };
}

describe('progress line', () => {
  it('on a TTY: one line rewritten in place, done/? while discovery runs, then done/total', () => {
    const { progress, out, advance } = setup(true, { findings: true });
    progress.discovered(3);
    advance(1000);
    progress.targetDone({ hooks: 4, findings: 2 });
    expect(out.at(-1)).toBe(`${ERASE}targets 1/?  hooks 4  findings 2  errors 0  1.0 targets/s`);
    advance(1000);
    progress.discoveryDone();
    expect(out.at(-1)).toBe(`${ERASE}targets 1/3  hooks 4  findings 2  errors 0  0.5 targets/s`);
    advance(200);
    progress.targetDone({ failed: true });
    expect(out.at(-1)).toBe(`${ERASE}targets 2/3  hooks 4  findings 2  errors 1  0.9 targets/s`);
    expect(out.every((t) => t.startsWith(ERASE) && !t.includes('\n'))).toBe(true);
  });

  it('is throttled to 10 Hz by the injected clock', () => {
    const { progress, out, advance } = setup(true);
    progress.discovered(10_000);
    progress.discoveryDone();
    for (let i = 0; i < 1000; i++) {
      progress.targetDone({ hooks: 1 });
      advance(1); // 1000 targets in 1 s
    }
    // The first draw at t=0, then at most one every 100 ms: 11 draws for 1 s.
    expect(out.length).toBeLessThanOrEqual(11);
    expect(out.length).toBeGreaterThanOrEqual(10);
  });

  it('omits findings unless asked, and never wraps past the terminal width', () => {
    const { progress, out } = setup(true, { columns: 21 });
    progress.targetDone({ hooks: 1 });
    expect(out.at(-1)).toBe(`${ERASE}targets 1/?  hooks 1`);
    expect(out.at(-1)!.length - ERASE.length).toBe(20);
  });

  it('log() writes a line above the progress line and redraws it', () => {
    const { progress, out } = setup(true);
    progress.targetDone();
    progress.log('codeup:o/1: not found');
    expect(out.slice(-2)).toEqual([`${ERASE}codeup:o/1: not found\n`, `${ERASE}targets 1/?  hooks 0  errors 0  0.0 targets/s`]);
  });

  it('finish erases the line and writes the summary once', () => {
    const { progress, out, advance } = setup(true, { findings: true });
    progress.discovered(2);
    progress.discoveryDone();
    progress.targetDone({ hooks: 3, findings: 1 });
    advance(2000);
    progress.targetDone({ failed: true });
    const summary = progress.finish();
    expect(summary).toBe('2 targets (1 failed), 3 hooks, 1 finding in 2.0 s (1.0 targets/s)');
    expect(out.at(-1)).toBe(`${ERASE}${summary}\n`);
    progress.finish();
    progress.targetDone();
    expect(out.at(-1)).toBe(`${ERASE}${summary}\n`);
  });

  it('not a TTY: no progress line, no escape codes; only messages and the summary', () => {
    const { progress, out, advance } = setup(false);
    progress.discovered(1);
    progress.discoveryDone();
    progress.log('codearts:9: permission refused');
    advance(500);
    progress.targetDone({ hooks: 1 });
    progress.finish({ interrupted: true });
    expect(out).toEqual(['codearts:9: permission refused\n', '1 target, 1 hook in 0.5 s (2.0 targets/s), interrupted\n']);
  });
});
