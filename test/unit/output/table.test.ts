import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { displayWidth, formatTable, truncate } from '../../../src/output/table.js';

const color = new Chalk({ level: 0 });
const HEADERS = ['ID', 'NAME', 'URL'];
const ROWS = [
  ['1', '部署通知', 'https://ci.example.com/a'],
  ['22', 'deploy', 'https://ci.example.com/bb'],
  ['333', '张三的钩子🚀', 'https://ci.example.com/ccc'],
  ['4', '👍🏽 ok', 'https://ci.example.com/d'],
];

/** The display column at which `cell` starts on `line`. */
const columnOf = (line: string, cell: string) => displayWidth(line.slice(0, line.indexOf(cell)));

describe('formatTable', () => {
  it('lines up a table with Chinese names and emoji by display width', () => {
    const lines = formatTable(HEADERS, ROWS, { tty: true, color }).split('\n');
    expect(lines).toHaveLength(5);
    const urlColumn = columnOf(lines[0] as string, 'URL');
    for (const [i, row] of ROWS.entries()) expect(columnOf(lines[i + 1] as string, row[2] as string), lines[i + 1]).toBe(urlColumn);
    // ID (3) + gap (2) + the widest name, 张三的钩子🚀 (12 cells) + gap (2)
    expect(urlColumn).toBe(3 + 2 + 12 + 2);
  });

  it('on a terminal, cuts the widest column with an ellipsis to fit the width', () => {
    const long = ['5', '告警', `https://ci.example.com/${'x'.repeat(80)}`];
    const lines = formatTable(HEADERS, [...ROWS, long], { tty: true, color, columns: 50 }).split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(50);
    expect(lines.at(-1)).toMatch(/https:\/\/ci\.example\.com\/x+…$/);
    // The other columns are untouched and still line up.
    expect(lines.some((line) => line.includes('张三的钩子🚀'))).toBe(true);
  });

  it('never cuts when piped: TSV as before, whatever the width', () => {
    const long = ['5', '告警', `https://ci.example.com/${'x'.repeat(80)}`];
    const text = formatTable(HEADERS, [...ROWS, long], { tty: false, color, columns: 50 });
    expect(text.split('\n')).toEqual([...ROWS, long].map((row) => row.join('\t')));
  });

  it('masks a secret before cutting, so no piece of it is left', () => {
    const secret = 'S3cretValue-0123456789';
    const row = ['1', 'n', `https://ci.example.com/hook?t=${secret}${'y'.repeat(40)}`];
    const text = formatTable(HEADERS, [row], { tty: true, color, columns: 50, scrub: (s) => s.replaceAll(secret, '******') });
    expect(text).not.toContain('S3cret');
    expect(text).toContain('t=******');
  });

  it('truncate never splits a wide character or an emoji', () => {
    expect(truncate('张三的钩子', 6)).toBe('张三…');
    expect(displayWidth(truncate('👍🏽👍🏽👍🏽', 4))).toBeLessThanOrEqual(4);
    expect(truncate('👍🏽👍🏽👍🏽', 4)).toBe('👍🏽…');
    expect(truncate('short', 10)).toBe('short');
  });
});
