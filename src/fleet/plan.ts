import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError, InternalError } from '../errors.js';
import type { Hook } from '../model/hook.js';
import type { Secret } from '../model/secret.js';
import { normalizeUrl } from '../model/url.js';
import { COMPARED_FIELDS, effectiveValue, isCompared, sameValue, type TargetTraits } from './fields.js';
import type { DesiredHook } from './hooks-file.js';
import {
  type Change,
  type FieldDiff,
  PLAN_VERSION,
  type Plan,
  type PlannedSpec,
  PlanSchema,
  type PlanSummary,
  type SecretChange,
  type TargetPlan,
} from './plan-schema.js';

export interface PlanInput {
  /** Desired hooks on literal targets (patterns already expanded). */
  desired: readonly DesiredHook[];
  /** The hooks read from every target in scope. */
  actual: ReadonlyMap<string, readonly Hook[]>;
  traits: (target: string) => TargetTraits;
  /** Delete hooks the file does not declare, on the targets it names. */
  prune?: boolean | undefined;
  /** Push every declared secret whose current value cannot be compared. */
  syncSecrets?: boolean | undefined;
  /** Extra targets the file names with no hook left on them (a pattern that matched); in prune scope. */
  targets?: readonly string[] | undefined;
  /** The hooks file the desired hooks came from: its name and the SHA-256 of its bytes. */
  hooksFile: { path: string; sha256: string };
}

/** Desired vs actual, per target. Pure: reads nothing, sends nothing. */
export function planChanges(input: PlanInput): Plan {
  const prune = input.prune ?? false;
  const syncSecrets = input.syncSecrets ?? false;
  const byTarget = new Map<string, DesiredHook[]>();
  for (const target of input.targets ?? []) byTarget.set(target, []);
  for (const hook of input.desired) {
    const list = byTarget.get(hook.target) ?? [];
    list.push(hook);
    byTarget.set(hook.target, list);
  }
  const targets: TargetPlan[] = [];
  for (const [target, desired] of byTarget) {
    const actual = input.actual.get(target);
    if (actual === undefined) throw new InternalError(`plan: the hooks of ${target} were not read`);
    targets.push(planTarget(target, desired, actual, input.traits(target), prune, syncSecrets));
  }
  const body = { prune, syncSecrets, targets };
  return { version: PLAN_VERSION, hooksFile: input.hooksFile, changesSha256: changesDigest(body), ...body, summary: summarize(targets) };
}

function planTarget(
  target: string,
  desired: readonly DesiredHook[],
  actual: readonly Hook[],
  traits: TargetTraits,
  prune: boolean,
  syncSecrets: boolean,
): TargetPlan {
  // Two live hooks with one URL: the oldest (lowest id) is the one the file describes.
  const byUrl = new Map<string, Hook>();
  for (const hook of [...actual].sort(compareIds)) if (!byUrl.has(normalizeUrl(hook.url))) byUrl.set(normalizeUrl(hook.url), hook);
  const matched = new Set<Hook>();
  const changes: Change[] = [];
  let unchanged = 0;
  for (const want of desired) {
    const have = byUrl.get(normalizeUrl(want.spec.url));
    const spec = plannedSpec(want);
    if (have === undefined) {
      changes.push({ action: 'create', url: want.spec.url, spec, source: want.source });
      continue;
    }
    matched.add(have);
    const diff = diffHook(want, have, traits, syncSecrets);
    if (diff.length === 0) unchanged += 1;
    else changes.push({ action: traits.update === 'replace' ? 'replace' : 'update', id: have.id, url: want.spec.url, diff, spec, source: want.source });
  }
  const rest = [...actual].sort(compareIds).filter((hook) => !matched.has(hook));
  if (prune) for (const hook of rest) changes.push({ action: 'delete', id: hook.id, url: hook.url });
  return { target, fingerprint: fingerprintHooks(actual), changes, unchanged, unmanaged: prune ? 0 : rest.length };
}

/** Field-by-field differences; url never differs (it is the identity). */
export function diffHook(want: DesiredHook, have: Hook, traits: TargetTraits, syncSecrets: boolean): FieldDiff[] {
  const diff: FieldDiff[] = [];
  const events = effectiveValue('events', want.spec.events) as Hook['events'];
  for (const field of COMPARED_FIELDS) {
    if (!isCompared(field, traits, events)) continue;
    const from = effectiveValue(field, have[field]);
    const to = effectiveValue(field, want.spec[field]);
    if (!sameValue(from, to)) diff.push({ field, from, to });
  }
  const secret = secretChange(want.spec.secret, have.secret, traits, syncSecrets);
  if (secret !== undefined) diff.push({ field: 'secret', change: secret });
  return diff;
}

/**
 * Secrets are write-only. `added`/`removed` follow what the provider reports (set or not); a value
 * the provider returns is compared in constant time (`changed`); a value it hides is never a diff,
 * unless --sync-secrets asks to push it (`sync`).
 */
function secretChange(want: Secret | undefined, have: Secret | undefined, traits: TargetTraits, syncSecrets: boolean): SecretChange | undefined {
  if (traits.fields.secret === 'unsupported') return undefined;
  if (want === undefined) return have === undefined || traits.fields.secret === 'required' ? undefined : 'removed';
  if (have === undefined) return 'added';
  if (traits.secretReadable && !have.isEmpty) return secretsEqual(want, have) ? undefined : 'changed';
  return syncSecrets ? 'sync' : undefined;
}

/** Equal-length digests, compared with timingSafeEqual: the time taken says nothing about the secret. */
export function secretsEqual(a: Secret, b: Secret): boolean {
  const digest = (secret: Secret) => createHash('sha256').update(secret.reveal(), 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** The spec a plan holds for a desired hook: no URL (the change holds it), the secret as its reference. */
export function plannedSpec(want: DesiredHook): PlannedSpec {
  const { secret: _secret, url: _url, ...rest } = want.spec;
  const spec: PlannedSpec = { ...rest };
  if (want.secretRef !== undefined) spec.secretRef = want.secretRef;
  return spec;
}

/**
 * A hash of a target's hooks as read: ids, normalized URLs and every compared field, and whether a
 * secret is set (never its value, which could be guessed back from a hash). Order-independent.
 */
export function fingerprintHooks(hooks: readonly Hook[]): string {
  const rows = hooks
    .map((hook) => [
      hook.id,
      normalizeUrl(hook.url),
      ...COMPARED_FIELDS.map((field) => effectiveValue(field, hook[field])),
      hook.secret === undefined ? 'no-secret' : 'secret',
    ])
    .map((row) => JSON.stringify(row))
    .sort();
  return `sha256:${createHash('sha256').update(rows.join('\n')).digest('hex')}`;
}

function compareIds(a: Hook, b: Hook): number {
  return a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function summarize(targets: readonly TargetPlan[]): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, unchanged: 0 };
  for (const target of targets) {
    summary.unchanged += target.unchanged;
    for (const change of target.changes) summary[change.action] += 1;
  }
  return summary;
}

/** True when applying the plan would change something (`plan` exits 10). */
export function hasChanges(plan: Plan): boolean {
  return plan.targets.some((target) => target.changes.length > 0);
}

/** The plan as saved by `--out` and printed by `-o json`. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** SHA-256 (hex) of text, as the plan records it for the hooks file. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The digest of what apply acts on: prune, syncSecrets and each target's fingerprint and changes,
 * as JSON with sorted keys (key order in an edited file does not matter, values do).
 */
export function changesDigest(plan: Pick<Plan, 'prune' | 'syncSecrets' | 'targets'>): string {
  const body = {
    prune: plan.prune,
    syncSecrets: plan.syncSecrets,
    targets: plan.targets.map((t) => ({ target: t.target, fingerprint: t.fingerprint, changes: t.changes })),
  };
  return sha256Hex(canonicalJson(body));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Reads a saved plan back, refusing anything that is not one. */
export function parsePlan(file: string, text: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ConfigError(`${file}: not a saved plan (not JSON)`, { hint: 'save one with hookctl plan -f hooks.yaml --out plan.json' });
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== PLAN_VERSION) {
    throw new ConfigError(`${file}: version: plan version ${version} is not supported (this hookctl reads version ${PLAN_VERSION}); make a new plan`, {
      hint: 'save one with hookctl plan -f hooks.yaml --out plan.json',
    });
  }
  const result = PlanSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.map(String).join('.') || '(root)';
    throw new ConfigError(`${file}: not a saved plan: ${where}: ${issue?.message ?? 'invalid'}`, {
      hint: 'save one with hookctl plan -f hooks.yaml --out plan.json',
    });
  }
  const digest = changesDigest(result.data);
  if (digest !== result.data.changesSha256) {
    throw new ConfigError(`${file}: changesSha256: the changes do not match the plan's digest (edited after it was saved?); nothing was applied`, {
      hint: 'make a new plan: hookctl plan -f hooks.yaml --out plan.json',
    });
  }
  return result.data;
}

/** The hooks file as apply re-reads it to check a saved plan. */
export interface HooksFileCheck {
  file: string;
  sha256: string;
  hooks: readonly DesiredHook[];
  targets: readonly string[];
}

/**
 * Why a saved plan does not follow from the hooks file (undefined: it does). A digest can be
 * recomputed by whoever edits the plan; the hooks file is the source it must agree with: same
 * bytes, only targets the file names, and every create/update the hook the file declares there.
 */
export function planFileMismatch(plan: Plan, hooks: HooksFileCheck): string | undefined {
  if (hooks.sha256 !== plan.hooksFile.sha256)
    return `${hooks.file} changed since the plan was made (SHA-256 ${hooks.sha256.slice(0, 12)}…, the plan recorded ${plan.hooksFile.sha256.slice(0, 12)}…)`;
  const named = new Set(hooks.targets);
  for (const target of plan.targets) {
    if (!named.has(target.target)) return `target ${target.target} is not named in ${hooks.file}`;
    for (const change of target.changes) {
      if (change.action === 'delete') {
        if (!plan.prune) return `${target.target} - ${change.url}: a delete in a plan made without --prune`;
        continue;
      }
      const want = hooks.hooks.find((h) => h.target === target.target && normalizeUrl(h.spec.url) === normalizeUrl(change.url));
      if (want === undefined) return `${target.target} ${change.action} ${change.url}: ${hooks.file} declares no such hook`;
      if (change.url !== want.spec.url || canonicalJson(change.spec) !== canonicalJson(plannedSpec(want)))
        return `${target.target} ${change.action} ${change.url}: the planned hook differs from ${hooks.file}`;
    }
  }
  return undefined;
}

/** Targets whose hooks changed since the plan was made (apply of a saved plan refuses, exit 2). */
export function staleTargets(plan: Plan, actual: ReadonlyMap<string, readonly Hook[]>): string[] {
  return plan.targets.filter((t) => fingerprintHooks(actual.get(t.target) ?? []) !== t.fingerprint).map((t) => t.target);
}
