/**
 * The bounds on what a provider may make hookctl do: every loop over provider answers stops at
 * one of these, whatever the server sends (README "Reliability", table "Bounds"). One row per
 * bound: its name in messages, its default, the flag and the config key that raise it. The flags
 * (runtime/global-flags.ts), the config schema (config/schema.ts), the checks (providers/paging.ts,
 * the adapters' discovery) and the error line all read this table; it sits in model/ because
 * all of those may import it (and --help loads it without any config code).
 *
 * A run stopped at a bound never passes for complete: one target stopped is exit 1, a fleet run
 * with some targets (or some discovery) stopped is exit 5, and the line names the bound and the flag.
 */
import { BoundError } from '../errors.js';

export const BOUNDS = {
  maxPages: {
    help: 'pages read per list of hooks, repositories or groups',
    name: 'pages per listing',
    default: 1000,
    min: 1,
    max: 1_000_000,
    flag: '--max-pages',
    configKey: 'maxPages',
    unit: 'pages',
  },
  maxHooks: {
    help: 'hooks read per target',
    name: 'hooks per target',
    // Providers keep far fewer (CodeArts 20 per repository, gitlab.com 100 per project): 1000 is 10
    // pages at the largest page size, so a server inventing hooks is stopped after 11 requests.
    default: 1000,
    min: 1,
    max: 10_000_000,
    flag: '--max-hooks',
    configKey: 'maxHooks',
    unit: 'hooks',
  },
  maxListingMiB: {
    help: 'MiB read per list, all its pages together',
    name: 'bytes per listing',
    default: 64,
    min: 1,
    max: 65_536,
    flag: '--max-listing-mib',
    configKey: 'maxListingMiB',
    unit: 'MiB',
  },
  maxDiscoveryDepth: {
    help: 'levels of nested groups a discovery walks',
    name: 'discovery depth',
    default: 20,
    min: 1,
    max: 1000,
    flag: '--max-discovery-depth',
    configKey: 'maxDiscoveryDepth',
    unit: 'levels of groups',
  },
  maxGroups: {
    help: 'groups (ServiceStage: namespaces) a discovery visits, per pattern',
    name: 'groups visited',
    // A pattern that names groups as targets lists each one: 1000 is a run of seconds on two
    // cores where 10000 took minutes against a server inventing subgroups; real trees are smaller.
    default: 1000,
    min: 1,
    max: 10_000_000,
    flag: '--max-groups',
    configKey: 'maxGroups',
    unit: 'groups',
  },
  maxRepositories: {
    help: 'repositories a discovery finds, per pattern',
    name: 'repositories discovered',
    default: 100_000,
    min: 1,
    max: 100_000_000,
    flag: '--max-repositories',
    configKey: 'maxRepositories',
    unit: 'repositories',
  },
  maxFailures: {
    help: 'failed targets after which a fleet run starts no new target',
    name: 'failed targets',
    default: 50,
    min: 1,
    max: 10_000_000,
    flag: '--max-failures',
    configKey: 'maxFailures',
    unit: 'failed targets',
  },
} as const;

export type BoundKey = keyof typeof BOUNDS;
export const BOUND_KEYS = Object.keys(BOUNDS) as BoundKey[];

/** The bounds of one run, every one set (defaults filled in). */
export type Bounds = Record<BoundKey, number>;

export const DEFAULT_BOUNDS: Bounds = Object.fromEntries(BOUND_KEYS.map((key) => [key, BOUNDS[key].default])) as Bounds;

/** Flag over config file over default, per bound. */
export function resolveBounds(...layers: (Partial<Record<BoundKey, number | undefined>> | undefined)[]): Bounds {
  const out = { ...DEFAULT_BOUNDS };
  for (const key of BOUND_KEYS) {
    const value = layers.map((layer) => layer?.[key]).find((v) => v !== undefined);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The error of a listing or discovery stopped at `key`; `where` names the provider and what was listed. */
export function boundReached(key: BoundKey, limit: number, where: string): BoundError {
  return new BoundError(key, boundMessage(key, limit, where), { hint: boundHint(key) });
}

/** The one line a stopped run prints: `…: stopped at the bound "hooks per target" (10000 hooks; raise it with --max-hooks); the listing is incomplete`. */
export function boundMessage(key: BoundKey, limit: number, where: string): string {
  const bound = BOUNDS[key];
  return `${where}: stopped at the bound "${bound.name}" (${limit} ${bound.unit}; raise it with ${bound.flag}); the listing is incomplete`;
}

export function boundHint(key: BoundKey): string {
  return `if this is expected, raise it with ${BOUNDS[key].flag} <n> or the config key ${BOUNDS[key].configKey}`;
}
