import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { inShard, parseShard, shardOf, targetInShard } from '../../../src/fleet/shard.js';
import { parseTarget } from '../../../src/providers/registry.js';

describe('--shard i/n', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    [' 1000/1000 ', { index: 1000, count: 1000 }],
  ])('parses %j', (text, expected) => {
    expect(parseShard(text)).toEqual(expected);
  });

  it.each(['0/4', '5/4', '1/0', '1/1001', '2', '2/', '/4', 'a/b', '1.5/4', '-1/4', '1/4/2', ''])('refuses %j naming --shard and the rule', (text) => {
    let error: unknown;
    try {
      parseShard(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^--shard ".*": expected i\/n with whole numbers 1 <= i <= n <= 1000$/);
  });

  it('is pinned: the same target lands in the same share on every machine and version', () => {
    // SHA-256 first 6 bytes, big-endian, mod n, + 1; reproducible with `sha256sum`.
    // Values computed once with `printf '%s' T | sha256sum`; they must never change.
    expect([shardOf('codeup:org/1', 7), shardOf('codearts:1', 3), shardOf('servicestage:p/ns/repo', 10)]).toEqual([4, 1, 3]);
    expect(shardOf('codearts:1234', 4)).toBe((Number.parseInt(sha12('codearts:1234'), 16) % 4) + 1);
  });

  it('property: every target is in exactly one shard', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 1000 }), (target, n) => {
        let hits = 0;
        for (let i = 1; i <= n; i++) if (inShard(target, { index: i, count: n })) hits++;
        return hits === 1;
      }),
      { numRuns: 150 },
    );
  });

  it('spreads 10,000 targets roughly evenly (within 15% of the mean) for several n', () => {
    const targets = Array.from({ length: 10_000 }, (_, i) => `codeup:org${i % 7}/${i + 1}`);
    for (const n of [2, 3, 4, 8, 10, 16, 20]) {
      const sizes = new Array<number>(n).fill(0);
      for (const t of targets) sizes[shardOf(t, n) - 1]!++;
      const mean = targets.length / n;
      for (const size of sizes) expect(Math.abs(size - mean) / mean).toBeLessThan(0.15);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(10_000);
    }
  });

  it('a parsed target is sharded by its canonical string', () => {
    const shard = { index: shardOf('codearts:42', 5), count: 5 };
    expect(targetInShard(parseTarget('codearts:42'), shard)).toBe(true);
  });
});

function sha12(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
