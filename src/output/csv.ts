/**
 * CSV for spreadsheets: `audit -o csv` (one row per finding) and `export -o csv` (one row per hook).
 *
 * Format (RFC 4180): comma-separated, a header row first, UTF-8. A field is quoted when it holds a
 * comma, a double quote, CR or LF, and a double quote inside is doubled. Rows end with LF, not the
 * RFC's CRLF: every byte hookctl writes to stdout passes the terminal sanitizer, which shows a raw
 * CR as `\u000d`; spreadsheets and CSV libraries (Excel, LibreOffice, Python csv, csv-parse) read
 * LF rows alike. `eol: '\r\n'` is there for a caller writing to a file that wants strict CRLF.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`, `+`,
 * `-` or `@` as a formula (and a leading tab or CR can hide such a start), so a hook name or URL from
 * a provider could run a formula on the auditor's machine. Such a cell gets a leading `'`, which
 * spreadsheets show as text and do not print. The cost: a value really starting with one of those
 * characters reads back with the `'` in front (a negative number would too; hookctl writes none).
 */

import type { Finding } from '../model/finding.js';
import type { Hook } from '../model/hook.js';
import { maskUrl } from '../model/url.js';

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Row ending; default LF (see above). */
  eol?: '\n' | '\r\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: defused against formulas, quoted when needed. null/undefined is an empty cell. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvValue[], options: CsvOptions = {}): string {
  return `${cells.map(csvCell).join(',')}${options.eol ?? '\n'}`;
}

/** A header and rows → the whole CSV text. Every row is cut or padded to the header's width. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>, options: CsvOptions = {}): string {
  let out = csvLine(header, options);
  for (const row of rows) {
    const cells = header.map((_, i) => row[i]);
    out += csvLine(cells, options);
  }
  return out;
}

/** A table of records: columns name the keys, in order. */
export function recordsToCsv<T>(
  columns: readonly { header: string; value: (record: T) => CsvValue }[],
  records: Iterable<T>,
  options: CsvOptions = {},
): string {
  const rows: CsvValue[][] = [];
  for (const record of records) rows.push(columns.map((column) => column.value(record)));
  return toCsv(
    columns.map((column) => column.header),
    rows,
    options,
  );
}

/** `audit -o csv`: one row per finding. */
export const FINDING_CSV_COLUMNS: readonly { header: string; value: (finding: Finding) => CsvValue }[] = [
  { header: 'severity', value: (f) => f.severity },
  { header: 'rule', value: (f) => f.ruleId },
  { header: 'target', value: (f) => f.target },
  { header: 'hook', value: (f) => f.hookId },
  { header: 'url', value: (f) => f.url },
  { header: 'message', value: (f) => f.message },
  { header: 'fix', value: (f) => f.fix },
];

export function findingsToCsv(findings: Iterable<Finding>, options: CsvOptions = {}): string {
  return recordsToCsv(FINDING_CSV_COLUMNS, findings, options);
}

/** A hook and where it lives, for `export -o csv`. */
export interface HookRow {
  target: string;
  hook: Hook;
}

/**
 * `export -o csv`: one row per hook. The URL is masked like a finding's (`user:***@`, `?token=***`);
 * secret says `set` or `none` (the value is never printed); events are space-separated, note filters
 * (regexes, which may hold spaces) one per line inside the cell.
 */
export function hookCsvColumns(redact: (text: string) => string = (text) => text): { header: string; value: (row: HookRow) => CsvValue }[] {
  const columns: { header: string; value: (row: HookRow) => CsvValue }[] = [
    { header: 'target', value: (r) => r.target },
    { header: 'id', value: (r) => r.hook.id },
    { header: 'name', value: (r) => r.hook.name },
    { header: 'url', value: (r) => maskUrl(r.hook.url) },
    { header: 'events', value: (r) => r.hook.events.join(' ') },
    { header: 'branch_filter', value: (r) => r.hook.branchFilter },
    { header: 'note_filters', value: (r) => r.hook.noteFilters?.join('\n') },
    { header: 'secret', value: (r) => (r.hook.secret === undefined ? 'none' : 'set') },
    { header: 'ssl_verify', value: (r) => r.hook.sslVerify },
    { header: 'description', value: (r) => r.hook.description },
    { header: 'created_at', value: (r) => r.hook.createdAt },
  ];
  // The caller's redaction (registered secrets) over every text cell.
  return columns.map(({ header, value }) => ({
    header,
    value: (row) => {
      const cell = value(row);
      return typeof cell === 'string' ? redact(cell) : cell;
    },
  }));
}

export function hooksToCsv(rows: Iterable<HookRow>, options: CsvOptions & { redact?: (text: string) => string } = {}): string {
  return recordsToCsv(hookCsvColumns(options.redact), rows, options);
}
