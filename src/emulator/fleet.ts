/**
 * Fleets: many repositories with hooks, loaded straight into the store (no API round trips), for
 * rehearsing discovery and audits at scale (issue 9, item 5).
 *
 * A fleet is described by a FleetSpec. `generateFleet({ size, seed })` builds one: `size`
 * repositories per provider (a Codeup organization `fleet-org`; a CodeArts project with five nested
 * groups and `size` repositories spread over them; a ServiceStage namespace `fleet-ns` in the
 * emulator's IAM project) and a seeded mix of hooks that trips every audit rule at known places.
 * `readFleetFile(path)` reads the same format from JSON or YAML (README "Emulator fleets").
 *
 * Each hook may carry `plant: [ruleId...]`: the audit findings it is meant to raise. The loader
 * turns them into `plantedFindings` (target, hook id, rule) once hook ids are assigned, so a test
 * can assert that every rule fires exactly where planted. The generator plants exactly one rule per
 * defective hook; a duplicate-url pair plants the finding on the second hook only (the first of two
 * equal URLs is the original).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { RULE_IDS } from '../model/finding.js';
import { CODEARTS_DEFAULT_TOKEN_TYPE, CODEARTS_HOOK_SERVICE, CODEARTS_LIMITS } from './codearts.js';
import { seededRandom } from './fault-spec.js';
import { SERVICESTAGE_HOOK_TYPE } from './servicestage.js';
import type { CodeartsDeliveryLog, CodeartsHookRecord, CodeupHookRecord, EmulatorStore } from './store.js';
import { scopeKey } from './store.js';

/** The audit rule ids a fleet can plant: the audit's own vocabulary (src/model/finding.ts). */
export const FLEET_RULE_IDS = RULE_IDS;
export type FleetRuleId = (typeof FLEET_RULE_IDS)[number];

export type FleetProvider = 'codeup' | 'codearts' | 'servicestage';

/** One finding the fleet was built to raise. `target` is in hookctl's target syntax. */
export interface PlantedFinding {
  provider: FleetProvider;
  /** `codeup:<org>/<projectId>`, `codearts:<groupId>`, `codearts:repo/<repositoryId>`, `servicestage:<pid>/<ns>/<project>`. */
  target: string;
  hookId: string;
  ruleId: FleetRuleId;
}

export interface FleetSummary {
  codeupRepositories: number;
  codeartsGroups: number;
  codeartsRepositories: number;
  servicestageProjects: number;
  hooks: number;
  plantedFindings: number;
  /** Targets a hook can live on: repositories plus CodeArts groups. */
  targets: number;
}

export interface LoadedFleet {
  summary: FleetSummary;
  plantedFindings: PlantedFinding[];
}

/** What `createEmulator({ fleet })` takes: generated, from a file, or a spec in memory. */
export type FleetOptions = { size: number; seed?: number } | { file: string } | { spec: FleetSpec };

export const FLEET_LIMITS = { maxSize: 100_000, defaultSeed: 1 } as const;

// ---- the format ----

const plant = z.array(z.enum(FLEET_RULE_IDS)).optional();
const positiveId = z.number().int().min(1).max(CODEARTS_LIMITS.maxId);
const text = z.string().min(1);

const codeupHook = z.strictObject({
  url: text,
  pushEvents: z.boolean().optional(),
  tagPushEvents: z.boolean().optional(),
  mergeRequestsEvents: z.boolean().optional(),
  noteEvents: z.boolean().optional(),
  enableSslVerification: z.boolean().optional(),
  secretToken: z.string().optional(),
  description: z.string().optional(),
  lastTestResult: z.enum(['', 'ok', 'error']).optional(),
  plant,
});

const codeartsHook = z.strictObject({
  url: text,
  name: text,
  description: z.string().optional(),
  pushEvents: z.boolean().optional(),
  pushEventsBranchRegexFilter: z.string().optional(),
  tagPushEvents: z.boolean().optional(),
  mergeRequestsEvents: z.boolean().optional(),
  noteEvents: z.boolean().optional(),
  notePlainTextFilter: z.array(z.string()).optional(),
  token: z.string().optional(),
  tokenType: z.string().optional(),
  /** Delivery outcomes, newest first: an HTTP status ("200", "500") or "internal error". */
  deliveries: z.array(z.string()).optional(),
  plant,
});

const codeartsRepository = z.strictObject({
  id: positiveId,
  name: text,
  archived: z.boolean().optional(),
  hooks: z.array(codeartsHook).optional(),
});

interface CodeartsGroupSpec {
  id: number;
  name: string;
  hooks?: z.infer<typeof codeartsHook>[] | undefined;
  groups?: CodeartsGroupSpec[] | undefined;
  repositories?: z.infer<typeof codeartsRepository>[] | undefined;
}

const codeartsGroup: z.ZodType<CodeartsGroupSpec> = z.lazy(() =>
  z.strictObject({
    id: positiveId,
    name: text,
    hooks: z.array(codeartsHook).optional(),
    groups: z.array(codeartsGroup).optional(),
    repositories: z.array(codeartsRepository).optional(),
  }),
);

const servicestageHook = z.strictObject({ url: text, secret: text, plant });

export const FleetSpecSchema = z.strictObject({
  codeup: z
    .array(
      z.strictObject({
        organization: text,
        repositories: z.array(
          z.strictObject({
            id: z.number().int().min(1),
            name: text,
            archived: z.boolean().optional(),
            hooks: z.array(codeupHook).optional(),
          }),
        ),
      }),
    )
    .optional(),
  codearts: z
    .array(
      z.strictObject({
        project: z.string().regex(/^[0-9a-f]{32}$/, 'must be a 32-character lower-case hexadecimal CodeArts project id'),
        name: text,
        groups: z.array(codeartsGroup).optional(),
        repositories: z.array(codeartsRepository).optional(),
      }),
    )
    .optional(),
  servicestage: z
    .array(
      z.strictObject({
        projectId: text,
        namespaces: z.array(
          z.strictObject({
            name: text,
            id: z.string().optional(),
            projects: z.array(
              z.strictObject({ name: text, id: z.string().optional(), cloneUrl: z.string().optional(), hooks: z.array(servicestageHook).optional() }),
            ),
          }),
        ),
      }),
    )
    .optional(),
});

export type FleetSpec = z.infer<typeof FleetSpecSchema>;
type CodeupHookSpec = z.infer<typeof codeupHook>;
type CodeartsHookSpec = z.infer<typeof codeartsHook>;
type ServicestageHookSpec = z.infer<typeof servicestageHook>;

/** Checks a parsed document; the error names the first offending field. */
export function parseFleetSpec(value: unknown, source = 'fleet'): FleetSpec {
  const result = FleetSpecSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue
      ? issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
      : '';
    throw new Error(`${source}: ${where || 'document'}: ${issue?.message ?? 'invalid'}`);
  }
  checkUnique(result.data, source);
  return result.data;
}

function checkUnique(spec: FleetSpec, source: string): void {
  const seen = new Set<string>();
  const once = (key: string, what: string): void => {
    if (seen.has(key)) throw new Error(`${source}: ${what} appears twice`);
    seen.add(key);
  };
  for (const org of spec.codeup ?? [])
    for (const r of org.repositories) once(`cu:${org.organization}/${r.id}`, `Codeup repository ${org.organization}/${r.id}`);
  const walk = (g: CodeartsGroupSpec): void => {
    once(`cg:${g.id}`, `CodeArts group ${g.id}`);
    for (const r of g.repositories ?? []) once(`cr:${r.id}`, `CodeArts repository ${r.id}`);
    for (const child of g.groups ?? []) walk(child);
  };
  for (const p of spec.codearts ?? []) {
    once(`cp:${p.project}`, `CodeArts project ${p.project}`);
    for (const r of p.repositories ?? []) once(`cr:${r.id}`, `CodeArts repository ${r.id}`);
    for (const g of p.groups ?? []) walk(g);
  }
  for (const s of spec.servicestage ?? []) {
    for (const ns of s.namespaces) {
      once(`sn:${s.projectId}/${ns.name}`, `ServiceStage namespace ${s.projectId}/${ns.name}`);
      for (const p of ns.projects) once(`sp:${s.projectId}/${ns.name}/${p.name}`, `ServiceStage project ${s.projectId}/${ns.name}/${p.name}`);
    }
  }
}

/** Reads a fleet from a JSON or YAML file (YAML is a superset of JSON, one parser reads both). */
export function readFleetFile(path: string): FleetSpec {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${path}: cannot read the fleet file (${code ?? 'error'})`);
  }
  let value: unknown;
  try {
    value = parseYaml(raw);
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`${path}: not valid JSON or YAML (${first})`);
  }
  return parseFleetSpec(value, path);
}

// ---- the generator ----

/** Private addresses the generator plants, one of each kind the private-address rule knows. */
export const PLANTED_PRIVATE_HOSTS = ['10.20.30.40', '192.168.1.20', '127.0.0.1:8443', '169.254.169.254', '100.100.100.200'] as const;

const RULES_BY_PROVIDER: Record<FleetProvider, readonly FleetRuleId[]> = {
  codeup: ['insecure-url', 'tls-verify-disabled', 'no-secret', 'duplicate-url', 'private-address', 'credentials-in-url', 'delivery-failing'],
  codearts: ['insecure-url', 'no-secret', 'duplicate-url', 'private-address', 'credentials-in-url', 'delivery-failing', 'all-branches'],
  // A ServiceStage hook always has a secret (required on create) and the API refuses a second hook
  // with the same URL; it reports no delivery status.
  servicestage: ['insecure-url', 'private-address', 'credentials-in-url'],
};

/** One planned defect; `variant` picks the private address or the credential form. */
type Defect = { rule: FleetRuleId; variant: number } | { rule: 'clean'; variant: number };

/** The planned defects for one provider: every rule, every private address and both credential forms first, then random ones. */
function guaranteedDefects(provider: FleetProvider): Defect[] {
  const out: Defect[] = [];
  for (const rule of RULES_BY_PROVIDER[provider]) {
    if (rule === 'private-address') out.push(...PLANTED_PRIVATE_HOSTS.map((_, variant) => ({ rule, variant })));
    else if (rule === 'credentials-in-url') out.push({ rule, variant: 0 }, { rule, variant: 1 });
    else out.push({ rule, variant: 0 });
  }
  return out;
}

/**
 * Spreads hooks over `targets`: the guaranteed defects round-robin, then 0–2 random hooks per
 * target (60% clean). Returns the defect list per target.
 */
function planHooks(provider: FleetProvider, targets: number, random: () => number, capPerTarget: number): Defect[][] {
  const plan: Defect[][] = Array.from({ length: targets }, () => []);
  const count = (defects: Defect[]): number => defects.reduce((n, d) => n + (d.rule === 'duplicate-url' ? 2 : 1), 0);
  guaranteedDefects(provider).forEach((defect, i) => {
    plan[i % targets]?.push(defect);
  });
  const rules = RULES_BY_PROVIDER[provider];
  for (const defects of plan) {
    const extra = Math.floor(random() * 3);
    for (let k = 0; k < extra; k += 1) {
      const pick: Defect =
        random() < 0.6
          ? { rule: 'clean', variant: 0 }
          : { rule: rules[Math.floor(random() * rules.length)] ?? 'insecure-url', variant: Math.floor(random() * 5) };
      if (count([...defects, pick]) <= capPerTarget) defects.push(pick);
    }
  }
  return plan;
}

interface UrlPlan {
  url: string;
  rule: FleetRuleId | 'clean';
  /** A fleet-wide counter: unique URL paths, secrets and names. */
  n: number;
}

function urlFor(provider: FleetProvider, defect: Defect, n: number): string {
  const path = `/${provider}/${n}`;
  switch (defect.rule) {
    case 'insecure-url':
      return `http://hooks.example.com${path}`;
    case 'private-address':
      return `https://${PLANTED_PRIVATE_HOSTS[defect.variant % PLANTED_PRIVATE_HOSTS.length]}${path}`;
    case 'credentials-in-url':
      return defect.variant % 2 === 0 ? `https://ci:fleet-pass-${n}@hooks.example.com${path}` : `https://hooks.example.com${path}?token=fleet-token-${n}`;
    default:
      return `https://hooks.example.com${path}`;
  }
}

/** Expands one planned defect into the hook URLs it needs (two for duplicate-url). */
function urlsFor(provider: FleetProvider, defect: Defect, next: () => number): UrlPlan[] {
  const n = next();
  const url = urlFor(provider, defect, n);
  if (defect.rule === 'duplicate-url') {
    return [
      { url, rule: 'clean', n },
      { url, rule: 'duplicate-url', n: next() },
    ];
  }
  return [{ url, rule: defect.rule, n }];
}

function codeupHookSpec(plan: UrlPlan, random: () => number): CodeupHookSpec {
  const { rule, n } = plan;
  return {
    url: plan.url,
    pushEvents: true,
    tagPushEvents: random() < 0.3,
    enableSslVerification: rule !== 'tls-verify-disabled',
    ...(rule !== 'no-secret' && { secretToken: `fleet-secret-${n}` }),
    lastTestResult: rule === 'delivery-failing' ? 'error' : random() < 0.5 ? 'ok' : '',
    ...(rule !== 'clean' && { plant: [rule] }),
  };
}

function codeartsHookSpec(plan: UrlPlan, random: () => number): CodeartsHookSpec {
  const { rule, n } = plan;
  const tagOnly = rule !== 'all-branches' && random() < 0.2;
  const healthy: string[][] = [[], ['200'], ['200', '500'], ['200', '200', 'internal error']];
  return {
    url: plan.url,
    name: `fleet-hook-${n}`,
    pushEvents: !tagOnly,
    ...(!tagOnly && { pushEventsBranchRegexFilter: rule === 'all-branches' ? '.*' : 'main' }),
    tagPushEvents: tagOnly || random() < 0.3,
    ...(rule !== 'no-secret' && { token: `fleet-token-${n}` }),
    deliveries: rule === 'delivery-failing' ? (random() < 0.5 ? ['500', '200'] : ['internal error']) : (healthy[Math.floor(random() * healthy.length)] ?? []),
    ...(rule !== 'clean' && { plant: [rule] }),
  };
}

function servicestageHookSpec(plan: UrlPlan): ServicestageHookSpec {
  return { url: plan.url, secret: `fleet-secret-${plan.n}`, ...(plan.rule !== 'clean' && { plant: [plan.rule] }) };
}

const pad = (i: number): string => String(i).padStart(4, '0');

/** Names of the generated CodeArts groups: [id, name, parent index or -1]. Three levels deep. */
const FLEET_GROUPS: readonly [number, string, number][] = [
  [501, 'platform', -1],
  [502, 'apps', -1],
  [503, 'tools', -1],
  [504, 'backend', 0],
  [505, 'internal', 3],
];

export const FLEET_NAMES = { codeupOrganization: 'fleet-org', codeartsProjectName: 'fleet-project', servicestageNamespace: 'fleet-ns' } as const;

/** A few repositories of every provider in the seeded fleet, as hookctl targets (`hookctl demo` audits them). */
export function fleetSampleTargets(iamProjectId: string): string[] {
  return [
    `codeup:${FLEET_NAMES.codeupOrganization}/1001`,
    `codeup:${FLEET_NAMES.codeupOrganization}/1002`,
    'codearts:501',
    `servicestage:${iamProjectId}/${FLEET_NAMES.servicestageNamespace}/svc-0001`,
  ];
}

/** The CodeArts project uuid of a generated fleet: fixed prefix plus the seed. */
export function fleetCodeartsProject(seed: number): string {
  return `c0dea7c5${(seed >>> 0).toString(16).padStart(24, '0')}`;
}

/** A deterministic fleet: the same size and seed give the same spec. */
export function generateFleet(options: { size: number; seed?: number; iamProjectId: string }): FleetSpec {
  const { size, iamProjectId } = options;
  const seed = options.seed ?? FLEET_LIMITS.defaultSeed;
  if (!Number.isInteger(size) || size < 1 || size > FLEET_LIMITS.maxSize)
    throw new Error(`fleet size must be a whole number from 1 to ${FLEET_LIMITS.maxSize} (got ${size})`);
  let counter = 0;
  const next = (): number => ++counter;

  // Codeup: one organization, `size` repositories.
  const codeupRandom = seededRandom(seed ^ 0x0c0de0);
  const codeupPlan = planHooks('codeup', size, codeupRandom, Number.POSITIVE_INFINITY);
  const codeupRepos = codeupPlan.map((defects, i) => ({
    id: 1001 + i,
    name: `repo-${pad(i + 1)}`,
    hooks: defects.flatMap((d) => urlsFor('codeup', d, next)).map((plan) => codeupHookSpec(plan, codeupRandom)),
  }));

  // CodeArts: five nested groups, then `size` repositories over the groups and the top level.
  const codeartsRandom = seededRandom(seed ^ 0xa77a);
  const targets = FLEET_GROUPS.length + size;
  const codeartsPlan = planHooks('codearts', targets, codeartsRandom, CODEARTS_LIMITS.hooksPerGroup);
  const hooksAt = (index: number): CodeartsHookSpec[] =>
    (codeartsPlan[index] ?? []).flatMap((d) => urlsFor('codearts', d, next)).map((plan) => codeartsHookSpec(plan, codeartsRandom));
  const groups: CodeartsGroupSpec[] = FLEET_GROUPS.map(([id, name], index) => ({ id, name, hooks: hooksAt(index), groups: [], repositories: [] }));
  const topRepositories: z.infer<typeof codeartsRepository>[] = [];
  for (let i = 0; i < size; i += 1) {
    const repository = { id: 2001 + i, name: `repo-${pad(i + 1)}`, hooks: hooksAt(FLEET_GROUPS.length + i) };
    // Six buckets: the five groups and the project's top level.
    const bucket = i % (FLEET_GROUPS.length + 1);
    if (bucket === FLEET_GROUPS.length) topRepositories.push(repository);
    else groups[bucket]?.repositories?.push(repository);
  }
  FLEET_GROUPS.forEach(([, , parent], index) => {
    const group = groups[index];
    if (parent >= 0 && group) groups[parent]?.groups?.push(group);
  });
  const topGroups = groups.filter((_, index) => (FLEET_GROUPS[index]?.[2] ?? -1) < 0);

  // ServiceStage: one namespace, `size` projects.
  const ssRandom = seededRandom(seed ^ 0x55);
  const ssPlan = planHooks('servicestage', size, ssRandom, Number.POSITIVE_INFINITY);
  const projects = ssPlan.map((defects, i) => ({
    name: `svc-${pad(i + 1)}`,
    id: String(101 + i),
    hooks: defects.flatMap((d) => urlsFor('servicestage', d, next)).map((plan) => servicestageHookSpec(plan)),
  }));

  return {
    codeup: [{ organization: FLEET_NAMES.codeupOrganization, repositories: codeupRepos }],
    codearts: [{ project: fleetCodeartsProject(seed), name: FLEET_NAMES.codeartsProjectName, groups: topGroups, repositories: topRepositories }],
    servicestage: [{ projectId: iamProjectId, namespaces: [{ name: FLEET_NAMES.servicestageNamespace, id: FLEET_NAMES.servicestageNamespace, projects }] }],
  };
}

// ---- the loader ----

const MINUTE = 60_000;

type CodeupOrganizationSpec = NonNullable<FleetSpec['codeup']>[number];
type CodeartsProjectSpec = NonNullable<FleetSpec['codearts']>[number];
type CodeartsRepositorySpec = z.infer<typeof codeartsRepository>;
type ServicestageEntrySpec = NonNullable<FleetSpec['servicestage']>[number];
/** A repository as a CodeArts delivery log names it. */
type LogRepository = { id: number; namespace: string };

/** What every part of one load shares: the store, one timestamp, and the tally of what was planted. */
interface FleetLoad {
  store: EmulatorStore;
  now: string;
  /** When delivery k (0 = newest) happened. */
  logTime(k: number): string;
  /** Counts one hook and records the findings planted on it. */
  added(provider: FleetProvider, target: string, hookId: number | string, rules: readonly FleetRuleId[] | undefined): void;
  hooks: number;
  planted: PlantedFinding[];
}

/**
 * Writes a fleet into the store directly (registry, hooks, delivery logs) and returns what was
 * planted. The store should be empty; ids continue from its counters.
 */
export function loadFleet(store: EmulatorStore, spec: FleetSpec): LoadedFleet {
  const load = startLoad(store);
  for (const org of spec.codeup ?? []) loadCodeupOrganization(load, org);
  for (const project of spec.codearts ?? []) loadCodeartsProject(load, project);
  for (const entry of spec.servicestage ?? []) loadServicestageEntry(load, entry);
  return loadedFleet(load);
}

function startLoad(store: EmulatorStore): FleetLoad {
  const now = store.timestamp();
  const nowMs = Date.parse(now);
  // Delivery k (0 = newest) happened (k + 1) × 10 minutes ago; the strings are shared, not rebuilt per log.
  const logTimes: string[] = [];
  const load: FleetLoad = {
    store,
    now,
    logTime: (k) => {
      logTimes[k] ??= new Date(nowMs - (k + 1) * 10 * MINUTE).toISOString();
      return logTimes[k];
    },
    added: (provider, target, hookId, rules) => {
      load.hooks += 1;
      for (const ruleId of rules ?? []) load.planted.push({ provider, target, hookId: String(hookId), ruleId });
    },
    hooks: 0,
    planted: [],
  };
  return load;
}

function loadedFleet(load: FleetLoad): LoadedFleet {
  const counts = load.store.registry.counts();
  return {
    summary: {
      codeupRepositories: counts.codeup,
      codeartsGroups: counts.codeartsGroups,
      codeartsRepositories: counts.codeartsRepositories,
      servicestageProjects: counts.servicestage,
      hooks: load.hooks,
      plantedFindings: load.planted.length,
      targets: counts.codeup + counts.codeartsGroups + counts.codeartsRepositories + counts.servicestage,
    },
    plantedFindings: load.planted,
  };
}

// Codeup: repositories of an organization, each with its hooks.

function loadCodeupOrganization({ store, now, added }: FleetLoad, org: CodeupOrganizationSpec): void {
  for (const repo of org.repositories) {
    store.registry.addCodeupRepository({
      id: repo.id,
      organizationId: org.organization,
      name: repo.name,
      path: repo.name,
      archived: repo.archived ?? false,
      createdAt: now,
    });
    const scope = scopeKey.codeup(org.organization, repo.id);
    for (const h of repo.hooks ?? []) {
      const record = codeupHookRecord(store.nextCodeupId(), org.organization, repo.id, h, now);
      store.codeup.add(scope, record);
      added('codeup', `codeup:${scope}`, record.id, h.plant);
    }
  }
}

function codeupHookRecord(id: number, organizationId: string, projectId: number, h: CodeupHookSpec, now: string): CodeupHookRecord {
  return {
    id,
    organizationId,
    projectId,
    url: h.url,
    pushEvents: h.pushEvents ?? true,
    tagPushEvents: h.tagPushEvents ?? false,
    mergeRequestsEvents: h.mergeRequestsEvents ?? false,
    noteEvents: h.noteEvents ?? false,
    enableSslVerification: h.enableSslVerification ?? true,
    secretToken: h.secretToken ?? '',
    description: h.description ?? '',
    createdAt: now,
    updatedAt: now,
    lastTestResult: h.lastTestResult ?? '',
  };
}

// CodeArts: a project's nested groups and repositories; hooks on both, with delivery logs.

function loadCodeartsProject(load: FleetLoad, project: CodeartsProjectSpec): void {
  load.store.registry.addCodeartsProject({ id: project.project, name: project.name });
  for (const g of project.groups ?? []) loadCodeartsGroup(load, project.project, g, null);
  for (const r of project.repositories ?? []) loadCodeartsRepository(load, project.project, r, null, project.name);
}

/** A group, then its repositories, its subgroups and last its own hooks (the order ids are handed out in). */
function loadCodeartsGroup(load: FleetLoad, projectId: string, g: CodeartsGroupSpec, parent: { id: number; fullPath: string } | null): void {
  const fullPath = parent ? `${parent.fullPath}/${g.name}` : g.name;
  load.store.registry.addCodeartsGroup({
    id: g.id,
    projectId,
    parentId: parent?.id ?? null,
    name: g.name,
    path: g.name,
    fullPath,
    createdAt: load.now,
  });
  const repositories = (g.repositories ?? []).map((r) => loadCodeartsRepository(load, projectId, r, g.id, fullPath));
  for (const child of g.groups ?? []) loadCodeartsGroup(load, projectId, child, { id: g.id, fullPath });
  // Group-hook logs name the repository whose event was delivered (WebhookLogExtendDto).
  addCodeartsHooks(load, scopeKey.codearts(String(g.id)), { groupId: String(g.id) }, g.hooks, `codearts:${g.id}`, repositories[0]);
}

function loadCodeartsRepository(load: FleetLoad, projectId: string, r: CodeartsRepositorySpec, groupId: number | null, namespace: string): LogRepository {
  load.store.registry.addCodeartsRepository({
    id: r.id,
    projectId,
    groupId,
    name: r.name,
    path: r.name,
    fullPath: `${namespace}/${r.name}`,
    archived: r.archived ?? false,
    createdAt: load.now,
  });
  const key = scopeKey.codeartsRepository(r.id);
  addCodeartsHooks(load, key, { repositoryId: String(r.id) }, r.hooks, `codearts:${key}`, undefined);
  return { id: r.id, namespace };
}

function addCodeartsHooks(
  load: FleetLoad,
  key: string,
  owner: { groupId: string } | { repositoryId: string },
  list: CodeartsHookSpec[] | undefined,
  target: string,
  sampleRepository: LogRepository | undefined,
): void {
  const { store } = load;
  for (const h of list ?? []) {
    const record = codeartsHookRecord(store.nextCodeartsId(), owner, h, load.now);
    store.codearts.add(key, record);
    load.added('codearts', target, record.id, h.plant);
    const deliveries = h.deliveries ?? [];
    if (deliveries.length > 0)
      store.codeartsLogs.set(
        String(record.id),
        deliveries.map((status, k) => codeartsDeliveryLog(store.nextCodeartsLogId(), load.logTime(k), record, status, sampleRepository)),
      );
  }
}

function codeartsHookRecord(id: number, owner: { groupId: string } | { repositoryId: string }, h: CodeartsHookSpec, now: string): CodeartsHookRecord {
  return {
    id,
    groupId: 'groupId' in owner ? owner.groupId : '',
    ...('repositoryId' in owner && { repositoryId: owner.repositoryId }),
    url: h.url,
    name: h.name,
    description: h.description ?? '',
    pushEvents: h.pushEvents ?? false,
    pushEventsBranchRegexFilter: h.pushEventsBranchRegexFilter ?? '',
    tagPushEvents: h.tagPushEvents ?? false,
    mergeRequestsEvents: h.mergeRequestsEvents ?? false,
    noteEvents: h.noteEvents ?? false,
    notePlainTextFilter: h.notePlainTextFilter ?? [],
    token: h.token ?? '',
    tokenType: h.tokenType ?? CODEARTS_DEFAULT_TOKEN_TYPE,
    service: CODEARTS_HOOK_SERVICE,
    createdAt: now,
    updatedAt: now,
  };
}

/** One push delivery of a hook, as the CodeArts log API shows it. */
function codeartsDeliveryLog(
  id: number,
  at: string,
  record: CodeartsHookRecord,
  status: string,
  sampleRepository: LogRepository | undefined,
): CodeartsDeliveryLog {
  const uuid = `00000000-0000-4000-8000-${id.toString(16).padStart(12, '0')}`;
  return {
    id,
    webHookId: record.id,
    // [?] the trigger values are undocumented.
    trigger: 'push',
    url: record.url,
    responseStatus: status,
    executionDuration: status === 'internal error' ? 10 : 0.2,
    uuid,
    createdAt: at,
    updatedAt: at,
    ...(sampleRepository && { repository: sampleRepository }),
    requestHeaders: { 'Content-Type': 'application/json', [record.tokenType]: '******' },
    requestData: { object_kind: 'push', ref: 'refs/heads/main', uuid },
    responseHeaders: status === 'internal error' ? {} : { 'Content-Type': 'application/json' },
    responseBody: status === 'internal error' ? {} : { status },
  };
}

// ServiceStage: namespaces of an IAM project, their projects, and the projects' hooks.

function loadServicestageEntry({ store, now, added }: FleetLoad, entry: ServicestageEntrySpec): void {
  for (const ns of entry.namespaces) {
    store.registry.addServicestageNamespace({ projectId: entry.projectId, id: ns.id ?? ns.name, name: ns.name });
    for (const p of ns.projects) {
      store.registry.addServicestageProject({
        projectId: entry.projectId,
        namespace: ns.name,
        id: p.id ?? p.name,
        name: p.name,
        cloneUrl: p.cloneUrl ?? `https://git.example.com/${ns.name}/${p.name}.git`,
      });
      const scope = scopeKey.servicestage(entry.projectId, ns.name, p.name);
      for (const h of p.hooks ?? []) {
        const id = store.nextServicestageId();
        store.servicestage.add(scope, {
          id,
          projectId: entry.projectId,
          namespace: ns.name,
          project: p.name,
          url: h.url,
          secret: h.secret,
          type: SERVICESTAGE_HOOK_TYPE,
          createdAt: now,
        });
        added('servicestage', `servicestage:${scope}`, id, h.plant);
      }
    }
  }
}

/** The spec a FleetOptions stands for. */
export function resolveFleetSpec(options: FleetOptions, iamProjectId: string): FleetSpec {
  if ('spec' in options) return parseFleetSpec(options.spec);
  if ('file' in options) return readFleetFile(options.file);
  return generateFleet({ size: options.size, seed: options.seed, iamProjectId });
}

/** One line for the emulator banner. */
export function describeFleet(summary: FleetSummary): string {
  return (
    `fleet: ${summary.codeupRepositories} Codeup repositories, ${summary.codeartsGroups} CodeArts groups + ${summary.codeartsRepositories} repositories, ` +
    `${summary.servicestageProjects} ServiceStage projects; ${summary.hooks} hooks, ${summary.plantedFindings} planted findings`
  );
}
