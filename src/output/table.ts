import type { ChalkInstance } from 'chalk';
import stringWidth from 'string-width';
import { type ColumnKind, type FitColumn, fitWidths, GAP, lineWidth } from './fit.js';
import { formatTsv, tableCell } from './tsv.js';

export type { ColumnKind } from './fit.js';

/** One column of a terminal table: see fit.ts for how kinds and priorities decide what is cut or dropped. */
export interface Column {
  header: string;
  /** id: never cut; url: cut in the middle, keeping host and tail; text (default): cut at the end, first. */
  kind?: ColumnKind | undefined;
  /** Lower is kept longer (default: the column's position). */
  priority?: number | undefined;
  /** Narrowest a cut leaves it (default 8 for text, 24 for a URL; never below the header). */
  min?: number | undefined;
  /**
   * This identifier may leave the row and head the rows that share it (rows come sorted by it):
   * used when the table does not fit with it inline, before any column is dropped.
   */
  heading?: boolean | undefined;
}

/** A cell's text and, optionally, its colour (applied after measuring and cutting; never the only signal). */
export type Cell = string | { text: string; paint?: ((text: string) => string) | undefined };

export interface TableOptions {
  /** Aligned with a header on a terminal; tab-separated without a header when piped (like gh). */
  tty: boolean;
  color: ChalkInstance;
  /** The terminal's width: a line never exceeds it (unless its identifiers alone do). */
  columns?: number | undefined;
  /** Masks secrets in a cell before it is measured or cut (a cut secret could not be recognized). */
  scrub?: ((text: string) => string) | undefined;
}

/** A laid-out table: the header line, each section's lines (heading lines included), the headers dropped to fit. */
export interface TableLayout {
  header: string;
  sections: string[][];
  hidden: string[];
}

const ELLIPSIS = '…';
const MIN_TEXT = 8;
const MIN_URL = 24;

/** Terminal cells a string takes: CJK and most emoji take two, combining marks none. */
export const displayWidth = (text: string): number => stringWidth(text);

const textOf = (cell: Cell | undefined): string => (typeof cell === 'string' ? cell : (cell?.text ?? ''));
const columnOf = (column: Column | string): Column => (typeof column === 'string' ? { header: column } : column);

/** One table: piped, TSV rows; on a terminal, aligned to fit `columns` (a note on dropped columns is the caller's, see layoutTable). */
export function formatTable(columns: readonly (Column | string)[], rows: readonly (readonly Cell[])[], options: TableOptions): string {
  if (!options.tty)
    return formatTsv(
      rows.map((row) => row.map(textOf)),
      options.scrub,
    );
  const { header, sections } = layoutTable(columns, [rows], options);
  return [header, ...(sections[0] ?? [])].join('\n');
}

/** Several sections of one table (audit's severities) laid out with one set of widths. */
export function layoutTable(columns: readonly (Column | string)[], sections: readonly (readonly (readonly Cell[])[])[], options: TableOptions): TableLayout {
  const scrub = options.scrub ?? ((text: string) => text);
  const specs = columns.map(columnOf);
  const clean = sections.map((rows) => rows.map((row) => specs.map((_, i) => tableCell(scrub(textOf(row[i]))))));
  const all = clean.flat();
  const fitCols: FitColumn[] = specs.map((spec, i) => {
    const kind = spec.kind ?? 'text';
    const header = displayWidth(spec.header);
    const natural = Math.max(header, ...all.map((row) => displayWidth(row[i] ?? '')));
    return { kind, priority: spec.priority ?? i, natural, min: Math.max(header, spec.min ?? (kind === 'url' ? MIN_URL : MIN_TEXT)) };
  });
  let widths = fitWidths(fitCols, options.columns);
  const headingAt = specs.findIndex((spec) => spec.heading === true);
  const needsDrop = widths.some((w) => w === undefined) || (options.columns !== undefined && lineWidth(widths) > options.columns);
  const asHeading = headingAt >= 0 && needsDrop;
  if (asHeading) {
    const rest = fitWidths(
      fitCols.filter((_, i) => i !== headingAt),
      options.columns,
    );
    widths = [...rest.slice(0, headingAt), undefined, ...rest.slice(headingAt)];
  }
  const shown = widths.flatMap((w, i) => (w === undefined ? [] : [i]));
  const line = (cells: string[], paints: (((text: string) => string) | undefined)[]) =>
    shown
      .map((i, n) => {
        const width = widths[i] ?? 0;
        const text = cut(cells[i] ?? '', width, fitCols[i]?.kind ?? 'text');
        const pad = n === shown.length - 1 ? '' : ' '.repeat(Math.max(0, width - displayWidth(text)));
        const paint = paints[i];
        return (paint && text !== '' ? paint(text) : text) + pad;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  const header = options.color.bold(
    line(
      specs.map((s) => s.header),
      [],
    ),
  );
  const out = clean.map((rows, s) => {
    const lines: string[] = [];
    let last: string | undefined;
    for (const [r, row] of rows.entries()) {
      if (asHeading && row[headingAt] !== last) {
        last = row[headingAt];
        lines.push(options.color.bold(last ?? ''));
      }
      const source = sections[s]?.[r] ?? [];
      lines.push(
        line(
          row,
          specs.map((_, i) => {
            const c = source[i];
            return typeof c === 'string' ? undefined : c?.paint;
          }),
        ),
      );
    }
    return lines;
  });
  return { header, sections: out, hidden: widths.flatMap((w, i) => (w === undefined && !(asHeading && i === headingAt) ? [specs[i]?.header ?? ''] : [])) };
}

function cut(text: string, width: number, kind: ColumnKind): string {
  if (kind === 'id' || displayWidth(text) <= width) return text;
  return kind === 'url' ? truncateUrl(text, width) : truncate(text, width);
}

// Created on first use: building a segmenter loads ICU data, which most runs never need.
let segmenter: Intl.Segmenter | undefined;
const graphemes = (text: string): string[] => {
  segmenter ??= new Intl.Segmenter();
  return Array.from(segmenter.segment(text), (s) => s.segment);
};

/** The first graphemes of `text` that fit in `width` cells. */
function head(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = displayWidth(g);
    if (used + w > width) break;
    out += g;
    used += w;
  }
  return out;
}

/** The last graphemes of `text` that fit in `width` cells. */
function tail(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const g of graphemes(text).reverse()) {
    const w = displayWidth(g);
    if (used + w > width) break;
    out = g + out;
    used += w;
  }
  return out;
}

/** Cut to at most `width` cells, ending with an ellipsis; never through a grapheme (emoji, CJK). */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return head(text, width - 1) + ELLIPSIS;
}

/**
 * A URL cut to `width` cells in the middle: `https://` goes first (plain `http://` stays: it is what
 * an audit flags), then the host is kept (up to half the room) and the path's tail fills the
 * rest, so two hooks on one host stay apart.
 */
export function truncateUrl(url: string, width: number): string {
  if (displayWidth(url) <= width) return url;
  const rest = url.replace(/^https:\/\//i, '');
  if (displayWidth(rest) <= width) return rest;
  const room = width - 1;
  if (room <= 0) return ELLIPSIS.slice(0, Math.max(0, width));
  const host = /^(?:http:\/\/)?[^/?#]*/i.exec(rest)?.[0] ?? '';
  const front = Math.min(displayWidth(host), Math.ceil(room / 2));
  const start = head(rest, front);
  return start + ELLIPSIS + tail(rest.slice(start.length), room - displayWidth(start));
}
