import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Compares `actual` with a committed golden file. A missing golden file is written once (then
 * reviewed by eye and committed); it is never overwritten, so a change in mapping fails the test.
 */
export function expectGolden(path: string, actual: unknown): void {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (!existsSync(path)) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

export function fixture(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
