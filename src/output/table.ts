import type { ChalkInstance } from 'chalk';
import stringWidth from 'string-width';
import { formatTsv, tableCell } from './tsv.js';

export interface TableOptions {
  /** Aligned with a header on a terminal; tab-separated without a header when piped (like gh). */
  tty: boolean;
  color: ChalkInstance;
  /** The terminal's width: on a TTY the widest column is cut with an ellipsis to fit it. */
  columns?: number | undefined;
  /** Masks secrets in a cell before it is measured or cut (a cut secret could not be recognized). */
  scrub?: ((text: string) => string) | undefined;
}

const GAP = 2;
const ELLIPSIS = '…';
/** A cut column keeps at least this many cells (or its header's width). */
const MIN_CUT_WIDTH = 8;

/** Terminal cells a string takes: CJK and most emoji take two, combining marks none. */
export const displayWidth = (text: string): number => stringWidth(text);

export function formatTable(headers: string[], rows: string[][], options: TableOptions): string {
  const scrub = options.scrub ?? ((text: string) => text);
  if (!options.tty) return formatTsv(rows, scrub);
  const clean = rows.map((row) => row.map((cell) => tableCell(scrub(cell))));
  const widths = headers.map((header, i) => Math.max(displayWidth(header), ...clean.map((row) => displayWidth(row[i] ?? ''))));
  const cut = fitColumns(widths, headers, options.columns);
  const cells = cut === undefined ? clean : clean.map((row) => row.map((cell, i) => (i === cut.column ? truncate(cell, cut.width) : cell)));
  const pad = (row: string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell)))))
      .join(' '.repeat(GAP))
      .trimEnd();
  const header = options.color.bold(pad(headers));
  return [header, ...cells.map(pad)].join('\n');
}

/** When the table is wider than the terminal: which column to cut, and to what width (widths is updated). */
function fitColumns(widths: number[], headers: string[], columns: number | undefined): { column: number; width: number } | undefined {
  if (columns === undefined || widths.length === 0) return undefined;
  const total = widths.reduce((sum, w) => sum + w, 0) + GAP * (widths.length - 1);
  if (total <= columns) return undefined;
  const column = widths.indexOf(Math.max(...widths));
  const floor = Math.max(MIN_CUT_WIDTH, displayWidth(headers[column] ?? ''));
  const width = Math.max(floor, (widths[column] ?? 0) - (total - columns));
  if (width >= (widths[column] ?? 0)) return undefined;
  widths[column] = width;
  return { column, width };
}

// Created on first use: building a segmenter loads ICU data, which most runs never need.
let segmenter: Intl.Segmenter | undefined;

/** Cut to at most `width` cells, ending with an ellipsis; never through a grapheme (emoji, CJK). */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  segmenter ??= new Intl.Segmenter();
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return out + ELLIPSIS;
}
