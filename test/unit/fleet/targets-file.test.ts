import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parseTargetsFile, parseTargetsFileEntries } from '../../../src/fleet/targets-file.js';

describe('--targets-file parsing', () => {
  it('keeps one target or pattern a line, skipping comments and blank lines, CRLF tolerated', () => {
    const text = [
      '\uFEFF# fleet of team A',
      'codeup:org1/100',
      '',
      '   codearts:12   # the platform group',
      '\tservicestage:p/ns/*\t',
      'codeup:org1/*\r',
      '  # indented comment',
      'codeup:org2/7#not-a-comment',
      '',
    ].join('\r\n');
    expect(parseTargetsFile(text, 'fleet.txt')).toEqual([
      'codeup:org1/100',
      'codearts:12',
      'servicestage:p/ns/*',
      'codeup:org1/*',
      'codeup:org2/7#not-a-comment',
    ]);
  });

  it('reports where each entry came from, and keeps duplicates for the runner to drop', () => {
    const entries = parseTargetsFileEntries('a:1\n\n# c\na:1\n', 'list');
    expect(entries).toEqual([
      { value: 'a:1', line: 1, where: 'list:1' },
      { value: 'a:1', line: 4, where: 'list:4' },
    ]);
  });

  it('an empty file or one with only comments gives no targets', () => {
    expect(parseTargetsFile('', 'f')).toEqual([]);
    expect(parseTargetsFile('# nothing\n\n  \n', 'f')).toEqual([]);
  });

  it.each([
    ['codeup:o/1\ncodeup:o/2 codeup:o/3\n', 'fleet.txt', /^fleet\.txt:2: more than one word in the line$/],
    ['ok:1\n\nbad\u0007:1\n', 'fleet.txt', /^fleet\.txt:3: control character in the line$/],
    [`${'x'.repeat(2000)}\n`, '-', /^<stdin>:1: line longer than 1024 characters$/],
    ['a\u0000b', 'bin.dat', /^bin\.dat: not a text file/],
  ])('refuses %j naming file:line', (text, path, message) => {
    let error: unknown;
    try {
      parseTargetsFile(text, path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
    expect((error as UsageError).exitCode).toBe(2);
    // The line itself is never repeated: the file may hold secrets.
    expect((error as UsageError).message).not.toMatch(/codeup:o\/2|bad/);
  });
});
