import type { ChalkInstance } from 'chalk';

export interface TableOptions {
  /** Aligned with a header on a terminal; tab-separated without a header when piped (like gh). */
  tty: boolean;
  color: ChalkInstance;
}

export function formatTable(headers: string[], rows: string[][], options: TableOptions): string {
  const clean = rows.map((row) => row.map(oneLine));
  if (!options.tty) return clean.map((row) => row.join('\t')).join('\n');
  const widths = headers.map((header, i) => Math.max(header.length, ...clean.map((row) => (row[i] ?? '').length)));
  const pad = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const header = options.color.bold(pad(headers));
  return [header, ...clean.map(pad)].join('\n');
}

/**
 * A cell never breaks the table: newlines and tabs become spaces, control characters (C0 and C1,
 * which a terminal acts on) are dropped.
 */
export function oneLine(cell: string): string {
  return cell.replace(/[\t\r\n\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
