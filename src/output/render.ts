import type { Hook } from '../model/hook.js';
import { MASK } from '../model/secret.js';
import type { Io } from './io.js';
import { hasUnsafe } from './sanitize.js';
import type { Cell, Column } from './table.js';
import { formatTsv, tableCell } from './tsv.js';

export type OutputFormat = 'table' | 'json' | 'yaml';

/** A hook with the target it lives on, as every command prints it. */
export interface HookRow {
  target: string;
  hook: Hook;
}

/** The printed shape of a hook: stable key order, secrets masked, nothing provider-specific. */
export function toPlainHook(row: HookRow): Record<string, unknown> {
  const { hook } = row;
  const plain: Record<string, unknown> = { target: row.target, id: hook.id, url: hook.url };
  if (hook.name !== undefined) plain.name = hook.name;
  if (hook.description !== undefined) plain.description = hook.description;
  plain.events = [...hook.events];
  if (hook.branchFilter !== undefined) plain.branchFilter = hook.branchFilter;
  if (hook.noteFilters !== undefined) plain.noteFilters = [...hook.noteFilters];
  if (hook.secret !== undefined) plain.secret = MASK;
  if (hook.sslVerify !== undefined) plain.sslVerify = hook.sslVerify;
  if (hook.createdAt !== undefined) plain.createdAt = hook.createdAt;
  return plain;
}

/**
 * Prints structured data as JSON or YAML (yaml is loaded only when asked for). Known secrets are
 * masked value by value first, so the text stays valid. Characters a terminal acts on are escaped
 * by io.out in the format's own spelling: JSON.stringify leaves C1 and bidi controls raw inside
 * strings, where `\uXXXX` is a JSON escape; in YAML such strings are forced into double quotes,
 * where `\uXXXX` is a YAML escape. Either way the output parses back to the original text.
 */
export async function printData(io: Io, format: 'json' | 'yaml', data: unknown): Promise<void> {
  const scrubbed = scrubStrings(data, io.scrub);
  if (format === 'json') {
    io.out(JSON.stringify(scrubbed, null, 2));
    return;
  }
  const YAML = await import('yaml');
  const doc = new YAML.Document(scrubbed);
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && hasUnsafe(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // No folding: a long value stays on one line, where a secret cannot be split across two.
  io.out(doc.toString({ lineWidth: 0 }));
}

function scrubStrings(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, scrub));
  // Plain objects only: a class instance (a Date, a masked Secret) serializes itself.
  const proto = value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    return Object.fromEntries(Object.entries(value as object).map(([key, item]) => [scrub(key), scrubStrings(item, scrub)]));
  }
  return value;
}

export async function printHooks(io: Io, format: OutputFormat, rows: HookRow[]): Promise<void> {
  if (format !== 'table') return printData(io, format, rows.map(toPlainHook));
  if (rows.length === 0 && io.stdoutIsTTY) {
    io.err('no hooks');
    return;
  }
  if (rows.length === 0) return;
  if (!io.stdoutIsTTY)
    return io.out(
      formatTsv(
        rows.map((row) => hookCells(row, true, false)),
        io.scrub,
      ),
    );
  const showTarget = new Set(rows.map((r) => r.target)).size > 1;
  const hasTls = rows.some((r) => r.hook.sslVerify !== undefined);
  const hasCreated = rows.some((r) => r.hook.createdAt !== undefined);
  // Identity first (never cut), then what an audit needs at a glance (secret, TLS), then the URL; free text goes first.
  // A relative time is not cut (`11 seco…` says nothing): its column is dropped instead.
  const columns: Column[] = [
    ...(showTarget ? [{ header: 'TARGET', kind: 'id', priority: 0, heading: true } as const] : []),
    { header: 'ID', kind: 'id', priority: 0 },
    { header: 'URL', kind: 'url', priority: 3 },
    { header: 'EVENTS', priority: 5 },
    { header: 'NAME', priority: 6 },
    { header: 'SECRET', priority: 1 },
    ...(hasTls ? [{ header: 'TLS', priority: 2 }] : []),
    ...(hasCreated ? [{ header: 'CREATED', priority: 7, min: 14 }] : []),
  ];
  const cells = rows.map(({ target, hook }): Cell[] => [
    ...(showTarget ? [target] : []),
    hook.id,
    hook.url,
    hook.events.join(','),
    hook.name ?? '',
    hook.secret === undefined ? { text: 'none', paint: io.color.yellow } : 'set',
    ...(hasTls ? [hook.sslVerify === undefined ? '-' : hook.sslVerify ? 'on' : { text: 'off', paint: io.color.red }] : []),
    ...(hasCreated ? [hook.createdAt === undefined ? '-' : io.time(hook.createdAt)] : []),
  ]);
  await printTable(io, columns, [{ rows: cells }]);
}

/**
 * A terminal table of one or more sections (each with an optional title line) laid out with one
 * set of widths, fitted to the terminal; columns dropped to fit are named on stderr.
 */
export async function printTable(
  io: Io,
  columns: readonly (Column | string)[],
  sections: readonly { title?: string; rows: readonly (readonly Cell[])[] }[],
): Promise<void> {
  const { layoutTable } = await import('./table.js');
  const layout = layoutTable(
    columns,
    sections.map((s) => s.rows),
    { tty: true, color: io.color, columns: io.stdoutColumns, scrub: io.scrub },
  );
  const blocks = layout.sections.map((lines, i) => {
    const title = sections[i]?.title;
    return [...(title === undefined ? [] : [title]), layout.header, ...lines].join('\n');
  });
  io.out(blocks.join('\n\n'));
  if (layout.hidden.length > 0) {
    const what = layout.hidden.join(', ');
    io.err(io.color.dim(`note: ${what} hidden to fit ${io.stdoutColumns} columns; widen the terminal, set COLUMNS, or use -o json`));
  }
}

/**
 * One hook's cells. Piped (TSV, no header) the line also ends with what an audit needs:
 * TARGET ID URL EVENTS NAME SSL_VERIFY SECRET, where SSL_VERIFY is true, false or empty (the
 * provider has no such setting) and SECRET is `set` or `none` (never a value).
 */
export function hookCells({ target, hook }: HookRow, showTarget: boolean, tty: boolean): string[] {
  const cells = [...(showTarget ? [target] : []), hook.id, hook.url, hook.events.join(','), hook.name ?? ''];
  if (!tty) cells.push(hook.sslVerify === undefined ? '' : String(hook.sslVerify), hook.secret === undefined ? 'none' : 'set');
  return cells;
}

/** Piped `hooks list`: the TSV lines of some rows, printed at once (a fleet run streams them target by target). */
export function printHookLines(io: Io, rows: readonly HookRow[]): void {
  if (rows.length === 0) return;
  io.out(
    formatTsv(
      rows.map((row) => hookCells(row, true, false)),
      io.scrub,
    ),
  );
}

/** One hook, in detail: key/value lines on a terminal, tab-separated pairs when piped. */
export async function printHook(io: Io, format: OutputFormat, row: HookRow): Promise<void> {
  if (format !== 'table') return printData(io, format, toPlainHook(row));
  const plain = toPlainHook(row);
  // The same cleaning as a table cell: one value per line, nothing a terminal would act on.
  if (typeof plain.createdAt === 'string') plain.createdAt = io.time(plain.createdAt, true);
  const lines = Object.entries(plain).map(([key, value]) => [key, tableCell(io.scrub(Array.isArray(value) ? value.join(',') : String(value)))]);
  if (!io.stdoutIsTTY) {
    io.out(lines.map(([k, v]) => `${k}\t${v}`).join('\n'));
    return;
  }
  const width = Math.max(...lines.map(([k]) => (k ?? '').length));
  io.out(lines.map(([k, v]) => `${io.color.bold((k ?? '').padEnd(width))}  ${v}`).join('\n'));
}
