import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Hook } from '../../../src/model/hook.js';
import { createIo, type Io } from '../../../src/output/io.js';
import { printData, printHook, printHooks } from '../../../src/output/render.js';
import { escapeUnsafe, sanitizeOutput } from '../../../src/output/sanitize.js';

/** Everything a terminal acts on or reorders: C0, DEL, C1 (CSI, NEL) and the bidi controls. */
const HOSTILE = [
  '\u0000',
  '\u0007',
  '\u001b[2J',
  '\r',
  '\u007f',
  '\u0085',
  '\u009b31m',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const NAME = `evil${HOSTILE.join('')}name`;
/** Any raw unsafe character (tab and newline are the formats' own). */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function capture(options: { tty?: boolean; color?: boolean; columns?: number } = {}): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io = createIo({
    stdout: { write: (s: string) => (out += s), isTTY: options.tty ?? false, columns: options.columns },
    stderr: { write: (s: string) => (err += s), isTTY: options.tty ?? false },
    env: options.color ? {} : { NO_COLOR: '1' },
  });
  return { io, out: () => out, err: () => err };
}

const hook: Hook = { id: '7\u202e', url: 'https://h.example/x\u009b', name: NAME, description: 'd\u2066e', events: ['push'] };

describe('the one sanitizer', () => {
  it('escapes C0 (but tab and newline), DEL, C1 and bidi controls as visible \\uXXXX', () => {
    expect(escapeUnsafe('a\u001b[31mb\u0085c\u202ed\u2069e\tf\ng\u007f')).toBe('a\\u001b[31mb\\u0085c\\u202ed\\u2069e\tf\ng\\u007f');
    for (const char of HOSTILE) expect(escapeUnsafe(char)).not.toMatch(RAW);
  });

  it("keeps only hookctl's own colour codes, and only with colour on", () => {
    const own = '\u001b[1mbold\u001b[22m \u001b[31mred\u001b[39m';
    expect(sanitizeOutput(`${own} \u001b]0;title\u0007 \u001b[8mhidden\uffff`, { keepColor: true })).toBe(
      `${own} \\u001b]0;title\\u0007 \\u001b[8mhidden\\uffff`,
    );
    expect(sanitizeOutput(own, { keepColor: false })).toBe('\\u001b[1mbold\\u001b[22m \\u001b[31mred\\u001b[39m');
  });

  it('io.out and io.err escape whatever they are handed', () => {
    const { io, out, err } = capture();
    io.out(NAME);
    io.err(`error: ${NAME}`);
    expect(out()).not.toMatch(RAW);
    expect(err()).not.toMatch(RAW);
    expect(out()).toContain('evil\\u0000\\u0007\\u001b[2J\\u000d\\u007f\\u0085\\u009b31m\\u202a');
  });

  it('JSON stays valid and parses back to the original text', async () => {
    const { io, out } = capture();
    await printHooks(io, 'json', [{ target: 'codearts:1', hook }]);
    expect(out()).not.toMatch(RAW);
    expect(out()).toContain('\\u202e');
    const parsed = JSON.parse(out()) as Record<string, unknown>[];
    expect(parsed[0]).toMatchObject({ id: '7\u202e', url: 'https://h.example/x\u009b', name: NAME, description: 'd\u2066e' });
  });

  it('YAML stays valid (such strings double-quoted) and parses back to the original text', async () => {
    const { io, out } = capture();
    await printHooks(io, 'yaml', [{ target: 'codearts:1', hook }]);
    expect(out()).not.toMatch(RAW);
    expect(out()).toContain('name: "evil\\0\\a\\e[2J');
    const parsed = YAML.parse(out()) as Record<string, unknown>[];
    expect(parsed[0]).toMatchObject({ id: '7\u202e', url: 'https://h.example/x\u009b', name: NAME, description: 'd\u2066e' });
    const one = capture();
    await printData(one.io, 'yaml', { 'k\u202e': 'v' });
    expect(YAML.parse(one.out())).toEqual({ 'k\u202e': 'v' });
  });

  it('tables (terminal and piped TSV) and the key/value view show visible escapes, one row per line', async () => {
    for (const tty of [true, false]) {
      const { io, out } = capture({ tty, columns: 500 });
      await printHooks(io, 'table', [{ target: 'codearts:1', hook: { ...hook, name: `${NAME}\nsecond\tline` } }]);
      expect(out()).not.toMatch(RAW);
      expect(out()).toContain('\\u202e');
      expect(out().trimEnd().split('\n')).toHaveLength(tty ? 2 : 1);
      // Piped: target id url events name ssl_verify secret, the tab inside the name made a space.
      if (!tty) expect(out().split('\t')).toHaveLength(7);
      const detail = capture({ tty });
      await printHook(detail.io, 'table', { target: 'codearts:1', hook });
      expect(detail.out()).not.toMatch(RAW);
      expect(detail.out()).toContain('description');
    }
  });
});
