/**
 * Column widths for a terminal table, as plain numbers (table.ts measures and cuts the text).
 * A table never wraps: free text is cut first, then URLs, each down to its minimum, the least
 * important column first; if that is not enough, the least important column that is not an
 * identifier is dropped and the rest laid out again. Identifiers are never cut nor dropped: when
 * they alone are wider than the terminal, the line is as long as they are.
 */

export type ColumnKind = 'id' | 'url' | 'text';

export interface FitColumn {
  kind: ColumnKind;
  /** Lower is kept longer: the highest is cut first and dropped first. */
  priority: number;
  /** The widest cell (header included). */
  natural: number;
  /** Narrowest this column may be cut to (never above natural). */
  min: number;
}

export const GAP = 2;

/** Width per column, or undefined for a column dropped to fit; `columns` undefined: no limit. */
export function fitWidths(cols: readonly FitColumn[], columns: number | undefined): (number | undefined)[] {
  const kept = cols.map(() => true);
  for (;;) {
    const widths = shrink(cols, kept, columns);
    if (fits(widths, columns)) return widths;
    const drop = leastImportant(cols, kept);
    if (drop === undefined) return widths;
    kept[drop] = false;
  }
}

/** Total cells of a line with these widths (dropped columns take nothing, gaps between the kept). */
export function lineWidth(widths: readonly (number | undefined)[]): number {
  const kept = widths.filter((w): w is number => w !== undefined);
  return kept.reduce((sum, w) => sum + w, 0) + GAP * Math.max(0, kept.length - 1);
}

function fits(widths: readonly (number | undefined)[], columns: number | undefined): boolean {
  return columns === undefined || lineWidth(widths) <= columns;
}

/** Natural widths, then text and then URL columns cut toward their minimum until the line fits. */
function shrink(cols: readonly FitColumn[], kept: readonly boolean[], columns: number | undefined): (number | undefined)[] {
  const widths = cols.map((c, i) => (kept[i] ? c.natural : undefined));
  if (columns === undefined) return widths;
  let excess = lineWidth(widths) - columns;
  for (const kind of ['text', 'url'] as const) {
    const order = cols
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => kept[i] && c.kind === kind)
      .sort((a, b) => b.c.priority - a.c.priority || b.i - a.i);
    for (const { c, i } of order) {
      if (excess <= 0) return widths;
      const width = widths[i] ?? 0;
      const cut = Math.min(excess, width - Math.min(c.min, c.natural));
      widths[i] = width - cut;
      excess -= cut;
    }
  }
  return widths;
}

function leastImportant(cols: readonly FitColumn[], kept: readonly boolean[]): number | undefined {
  let found: number | undefined;
  for (const [i, c] of cols.entries()) {
    if (!kept[i] || c.kind === 'id') continue;
    const best = found === undefined ? undefined : cols[found];
    if (best === undefined || c.priority >= best.priority) found = i;
  }
  return found;
}
