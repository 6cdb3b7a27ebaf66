import type { Hook } from '../model/hook.js';
import { MASK } from '../model/secret.js';
import type { Io } from './io.js';
import { formatTable, oneLine } from './table.js';

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

/** Prints structured data as JSON or YAML (yaml is loaded only when asked for). */
export async function printData(io: Io, format: 'json' | 'yaml', data: unknown): Promise<void> {
  if (format === 'json') {
    io.out(JSON.stringify(data, null, 2));
    return;
  }
  const YAML = await import('yaml');
  io.out(YAML.stringify(data));
}

export async function printHooks(io: Io, format: OutputFormat, rows: HookRow[]): Promise<void> {
  if (format !== 'table') return printData(io, format, rows.map(toPlainHook));
  const showTarget = new Set(rows.map((r) => r.target)).size > 1 || !io.stdoutIsTTY;
  const headers = [...(showTarget ? ['TARGET'] : []), 'ID', 'URL', 'EVENTS', 'NAME'];
  const cells = rows.map(({ target, hook }) => [
    ...(showTarget ? [target] : []),
    hook.id,
    hook.url,
    hook.events.join(','),
    hook.name ?? '',
  ]);
  if (rows.length === 0 && io.stdoutIsTTY) {
    io.err('no hooks');
    return;
  }
  if (rows.length > 0) io.out(formatTable(headers, cells, { tty: io.stdoutIsTTY, color: io.color }));
}

/** One hook, in detail: key/value lines on a terminal, tab-separated pairs when piped. */
export async function printHook(io: Io, format: OutputFormat, row: HookRow): Promise<void> {
  if (format !== 'table') return printData(io, format, toPlainHook(row));
  const plain = toPlainHook(row);
  // The same cleaning as a table cell: one value per line, nothing a terminal would act on.
  const lines = Object.entries(plain).map(([key, value]) => [key, oneLine(Array.isArray(value) ? value.join(',') : String(value))]);
  if (!io.stdoutIsTTY) {
    io.out(lines.map(([k, v]) => `${k}\t${v}`).join('\n'));
    return;
  }
  const width = Math.max(...lines.map(([k]) => (k ?? '').length));
  io.out(lines.map(([k, v]) => `${io.color.bold((k ?? '').padEnd(width))}  ${v}`).join('\n'));
}
