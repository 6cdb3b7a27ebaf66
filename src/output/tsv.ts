import { escapeUnsafe, oneLine } from './sanitize.js';

/**
 * Piped tables: tab-separated rows, no header (like gh). Kept apart from table.ts because aligned
 * terminal tables need display widths (string-width and an ICU segmenter, some 20 ms to load) and a
 * pipe needs none of that.
 */
export function formatTsv(rows: readonly (readonly string[])[], scrub: (text: string) => string = (text) => text): string {
  return rows.map((row) => row.map((cell) => tableCell(scrub(cell))).join('\t')).join('\n');
}

/**
 * A cell never breaks the table: newlines and tabs become spaces, and characters a terminal acts
 * on are shown as visible escapes (before measuring, so the escape's width is counted).
 */
export function tableCell(cell: string): string {
  return escapeUnsafe(oneLine(cell));
}
