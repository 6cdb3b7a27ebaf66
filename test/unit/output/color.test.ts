// Colour off (pipes, NO_COLOR, --no-color): io.color is a stand-in for chalk that must print exactly
// what chalk at level 0 prints, for every style the commands use. Colour on: chalk itself, loaded by
// loadColor (the entry point awaits it), at level 1.
import { Chalk, type ChalkInstance } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createIo, loadColor } from '../../../src/output/io.js';
import { sanitizeOutput } from '../../../src/output/sanitize.js';

const sink = (isTTY: boolean) => ({ write: () => true, isTTY });
const CHAINS: ((c: ChalkInstance) => (...text: unknown[]) => string)[] = [
  (c) => c.bold,
  (c) => c.bold.cyan,
  (c) => c.cyan,
  (c) => c.dim,
  (c) => c.green,
  (c) => c.red,
  (c) => c.yellow,
  (c) => c.red.bold,
  (c) => c.yellow.bold,
  (c) => c.cyan.bold,
  (c) => c.dim.bold,
];
const TEXTS: unknown[][] = [['x'], [''], ['two\nlines'], ['\u001b[31malready red\u001b[39m'], [42], ['a', 'b']];

describe('io.color', () => {
  it('with colour off prints what chalk at level 0 prints, for every style the commands use', () => {
    const chalk = new Chalk({ level: 0 });
    for (const env of [{ NO_COLOR: '1' }, { TERM: 'dumb' }, {}]) {
      const plain = createIo({ stdout: sink(false), stderr: sink(false), env }).color;
      for (const chain of CHAINS) for (const text of TEXTS) expect(chain(plain)(...text)).toBe(chain(chalk)(...text));
    }
    expect(createIo({ stdout: sink(true), stderr: sink(true), env: {}, noColor: true }).color.red('x')).toBe('x');
  });

  it('with colour on is chalk at level 1 once loadColor was awaited', async () => {
    const options = { stdout: sink(true), stderr: sink(false), env: {} };
    await loadColor(options);
    const color = createIo(options).color;
    expect(color.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(color.bold.cyan('h')).toBe(new Chalk({ level: 1 }).bold.cyan('h'));
  });

  it('every style the commands use reaches a terminal as colour, not as escaped text', () => {
    const chalk = new Chalk({ level: 1 });
    for (const chain of CHAINS) {
      const painted = chain(chalk)('LOW (2)');
      expect(sanitizeOutput(painted, { keepColor: true })).toBe(painted);
    }
  });

  it('the colour-off stand-in is not taken for a promise', async () => {
    const plain = createIo({ stdout: sink(false), stderr: sink(false), env: {} }).color;
    await expect(Promise.resolve(plain)).resolves.toBe(plain);
  });
});
