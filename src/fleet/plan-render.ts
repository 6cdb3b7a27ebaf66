import { oneLine } from '../output/sanitize.js';
import type { FieldValue } from './fields.js';
import type { Change, ChangeAction, FieldDiff, Plan, PlannedSpec, TargetPlan } from './plan-schema.js';

/** The colours the plan uses; a chalk instance fits. Without one, plain text. */
export interface Painter {
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  dim(text: string): string;
}

export const PLAN_SYMBOLS: Record<ChangeAction, string> = { create: '+', update: '~', replace: '-/+', delete: '-' };

const plain: Painter = { green: (t) => t, yellow: (t) => t, red: (t) => t, dim: (t) => t };

/** The plan as text: per target, one line per change with its field lines, then the counts. */
export function renderPlan(plan: Plan, paint: Painter = plain): string {
  const out: string[] = [];
  for (const target of plan.targets) {
    if (target.changes.length === 0 && target.unmanaged === 0) continue;
    out.push(oneLine(target.target));
    for (const change of target.changes) out.push(...renderChange(change, paint));
    const tail = targetTail(target);
    if (tail) out.push(`  ${paint.dim(tail)}`);
  }
  if (out.length > 0) out.push('');
  out.push(summaryLine(plan));
  return `${out.join('\n')}\n`;
}

function renderChange(change: Change, paint: Painter): string[] {
  const symbol = PLAN_SYMBOLS[change.action];
  const color = change.action === 'create' ? paint.green : change.action === 'update' ? paint.yellow : paint.red;
  const url = oneLine(change.url);
  switch (change.action) {
    case 'create':
      return [`  ${color(symbol)} ${url}`, ...specLines(change.spec)];
    case 'delete':
      return [`  ${color(symbol)} ${url} ${paint.dim(`(id ${oneLine(change.id)})`)}`];
    case 'update':
    case 'replace': {
      const note = change.action === 'replace' ? `id ${oneLine(change.id)}, replaced: the id will change` : `id ${oneLine(change.id)}`;
      return [`  ${color(symbol)} ${url} ${paint.dim(`(${note})`)}`, ...change.diff.map((d) => `      ${diffLine(d)}`)];
    }
  }
}

/** `events: push → push, note`; a secret only as `secret: changed` (never a value). */
export function diffLine(diff: FieldDiff): string {
  if (diff.field === 'secret') return `secret: ${diff.change}`;
  return `${diff.field}: ${formatValue(diff.from)} → ${formatValue(diff.to)}`;
}

function specLines(spec: PlannedSpec): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'url' || value === undefined) continue;
    lines.push(`      ${key === 'secretRef' ? 'secret' : key}: ${key === 'secretRef' ? oneLine(String(value)) : formatValue(value as FieldValue)}`);
  }
  return lines;
}

export function formatValue(value: FieldValue): string {
  if (value === null) return '(none)';
  if (Array.isArray(value)) return value.map((v) => oneLine(v)).join(', ');
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function targetTail(target: TargetPlan): string {
  const parts: string[] = [];
  if (target.unchanged > 0) parts.push(`${target.unchanged} unchanged`);
  if (target.unmanaged > 0) parts.push(`${target.unmanaged} not in the file, kept (--prune deletes)`);
  return parts.join(', ');
}

/** `Plan: 1 to create, 2 to update, 0 to replace, 0 to delete, 5 unchanged.` */
export function summaryLine(plan: Plan): string {
  const { create, update, replace, delete: remove, unchanged } = plan.summary;
  if (create + update + replace + remove === 0) return `No changes: ${unchanged} ${unchanged === 1 ? 'hook matches' : 'hooks match'} the file.`;
  return `Plan: ${create} to create, ${update} to update, ${replace} to replace, ${remove} to delete, ${unchanged} unchanged.`;
}
