import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { Target } from '../model/target.js';
import { formatTarget } from '../providers/registry.js';

/**
 * `--shard i/n`: keep only the targets whose stable hash falls in share i of n, so n CI jobs
 * (a GitHub Actions matrix, GitLab `parallel:`) split one fleet with no coordinator and no overlap.
 *
 * The hash is SHA-256 of the canonical target string (formatTarget), UTF-8; its first 6 bytes
 * read as a big-endian integer, modulo n, plus 1. SHA-256 is the same on every Node version and
 * platform, and a shell can reproduce it:
 *   printf '%s' 'codearts:1234' | sha256sum | cut -c1-12   →  hex → mod n → + 1
 * 48 bits keep the modulo bias below 1e-11 for any n ≤ 1000.
 */
export const MAX_SHARDS = 1000;

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

const RULE = `expected i/n with whole numbers 1 <= i <= n <= ${MAX_SHARDS}`;

export function parseShard(text: string): Shard {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text);
  const bad = () => new UsageError(`--shard "${printable(text)}": ${RULE}`, { hint: 'e.g. --shard 2/4 keeps the second of four shares' });
  if (!match) throw bad();
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (index < 1 || count < 1 || index > count || count > MAX_SHARDS) throw bad();
  return { index, count };
}

/** The 1-based share (1..count) a canonical target string belongs to. */
export function shardOf(canonical: string, count: number): number {
  const digest = createHash('sha256').update(canonical, 'utf8').digest();
  return (digest.readUIntBE(0, 6) % count) + 1;
}

/** True iff the canonical target string belongs to this shard. */
export function inShard(canonical: string, shard: Shard): boolean {
  return shardOf(canonical, shard.count) === shard.index;
}

/** The same for a parsed target: its canonical form is formatTarget's. */
export function targetInShard(target: Target, shard: Shard): boolean {
  return inShard(formatTarget(target), shard);
}

function printable(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 37)}...` : clean;
}
