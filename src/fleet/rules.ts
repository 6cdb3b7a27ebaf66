/**
 * The audit rules (issue 9 §2): data plus pure checks over the normalized model. The audit command
 * lists the hooks of each target, hands them here with what else it knows (delivery status, the
 * declared hooks of a hooks file, a resolver), and prints the findings.
 *
 * Nothing here does I/O: a name is resolved only through the resolver the caller injects, and
 * only when it asks for it (`resolve: true`).
 */

import { type Finding, RULE_IDS, type RuleDescriptor, type RuleId, type Severity, severityRank } from '../model/finding.js';
import type { Hook } from '../model/hook.js';
import type { ProviderId } from '../model/target.js';
import { hookIdentity, maskUrl, normalizeUrl, parseUrl, urlCredentials } from '../model/url.js';
import { PROVIDERS } from '../providers/registry.js';
import { classifyAddress, classifyHostname, isIpLiteral } from './address.js';
import type { DeliveryStatus } from './delivery.js';

/** A hook as the audit receives it, with what the caller learned about its deliveries. */
export interface AuditHook {
  hook: Hook;
  delivery?: DeliveryStatus | undefined;
}

/** One target and all its hooks (duplicate-url compares them). */
export interface AuditTarget {
  target: string;
  provider: ProviderId;
  hooks: readonly AuditHook[];
  /**
   * Whether this provider's listing says if a secret is set (then a hook without `secret` has
   * none). Absent: PROVIDER_REPORTS_SECRET decides. When false, no-secret skips the target.
   */
  secretReported?: boolean | undefined;
}

/**
 * Which listings say whether a secret is set: each provider's definition declares it
 * (`reportsSecret`, with its reason). A provider that does not starts at false, so no-secret stays
 * silent until its mapping is checked.
 */
export const PROVIDER_REPORTS_SECRET: Readonly<Record<ProviderId, boolean>> = Object.fromEntries(
  PROVIDERS.map((definition) => [definition.id, definition.reportsSecret === true]),
) as Record<ProviderId, boolean>;

/** Looks a host name up: its IPv4/IPv6 addresses as text. Rejects (or returns []) when it does not resolve. */
export type Resolver = (hostname: string) => Promise<readonly string[]>;

export interface AuditOptions {
  /** The rules in force (applyRulesConfig); default every rule at its default severity. */
  rules?: readonly Rule[];
  /** Identities of the hooks a hooks file declares (declaredIdentities); unmanaged runs only with it. */
  declared?: ReadonlySet<string> | undefined;
  /** private-address: also resolve names (needs `resolver`). */
  resolve?: boolean | undefined;
  resolver?: Resolver | undefined;
  /** The caller's redaction (registered secrets masked), applied to every url and message. */
  redact?: ((text: string) => string) | undefined;
}

/** What a check sees. */
export interface CheckInput {
  entry: AuditHook;
  hook: Hook;
  /** The parsed hook URL; undefined when the provider returned something that is not a URL. */
  url: URL | undefined;
  /** The hook's position in `target.hooks`. */
  index: number;
  target: AuditTarget;
  options: AuditOptions;
}

export interface Rule extends RuleDescriptor {
  /** A message per problem found (usually none or one). Messages never carry secret values. */
  check(input: CheckInput): string[] | Promise<string[]>;
}

const MATCH_ALL_BRANCHES = /^\^?\.[*+]\$?$/;

async function privateAddress(input: CheckInput): Promise<string[]> {
  const { url, options } = input;
  if (!url) return [];
  const host = url.hostname;
  const literal = classifyHostname(host);
  if (literal) return [`host ${host}: ${literal.label}`];
  if (!options.resolve || !options.resolver || isIpLiteral(host)) return [];
  const name = host.replace(/\.$/, '');
  let addresses: readonly string[];
  try {
    addresses = await options.resolver(name);
  } catch {
    // A name that does not resolve is not judged here: the hook's deliveries will fail anyway.
    return [];
  }
  for (const address of addresses) {
    const found = classifyAddress(address);
    if (found) return [`host ${name} resolves to ${address}: ${found.label}`];
  }
  return [];
}

export {
  FAIL_ON_LEVELS,
  type FailOnLevel,
  type Finding,
  RULE_IDS,
  type RuleId,
  SEVERITIES,
  type Severity,
  severityAtLeast,
  severityRank,
} from '../model/finding.js';

/** Every rule at its default severity, in the order findings are listed for one hook. */
export const RULES: readonly Rule[] = [
  {
    id: 'insecure-url',
    severity: 'high',
    title: 'Hook URL uses plain http',
    description: 'Deliveries, and the secret token the provider sends in a header, travel unencrypted.',
    fix: 'Serve the receiver over https and change the hook URL to https://.',
    check: ({ url }) => (url?.protocol === 'http:' ? ['the URL uses http://: payloads and the secret token travel in clear text'] : []),
  },
  {
    id: 'tls-verify-disabled',
    severity: 'medium',
    title: 'TLS certificate verification is off',
    description: 'The provider delivers without checking the receiver certificate, so anyone on the path can impersonate it.',
    fix: 'Give the receiver a valid certificate and turn SSL verification back on for the hook.',
    check: ({ hook, url }) =>
      hook.sslVerify === false
        ? [url?.protocol === 'http:' ? 'TLS verification is off (it takes effect once the URL moves to https)' : 'TLS certificate verification is off']
        : [],
  },
  {
    id: 'no-secret',
    severity: 'medium',
    title: 'Hook has no secret',
    description: 'The receiver cannot tell a genuine delivery from a forged request.',
    fix: 'Set a secret on the hook (--secret-env NAME) and check it in the receiver.',
    check: ({ hook, target }) => {
      const reported = target.secretReported ?? PROVIDER_REPORTS_SECRET[target.provider] ?? false;
      return reported && hook.secret === undefined ? ['no secret is set'] : [];
    },
  },
  {
    id: 'duplicate-url',
    severity: 'low',
    title: 'Two hooks with the same URL',
    description: 'The receiver gets every event twice on this target.',
    fix: 'Delete the extra hook, or merge their events into one.',
    check: ({ hook, index, target }) => {
      const mine = normalizeUrl(hook.url);
      const first = target.hooks.slice(0, index).find((other) => normalizeUrl(other.hook.url) === mine);
      return first ? [`same URL as hook ${first.hook.id} on this target`] : [];
    },
  },
  {
    id: 'private-address',
    severity: 'medium',
    title: 'Hook points at a private or local address',
    description:
      'Loopback, private, shared (CGNAT), link-local and cloud metadata addresses cannot be a hosted receiver; such a hook fails or probes the provider network.',
    fix: "Point the hook at the receiver's public https address.",
    check: privateAddress,
  },
  {
    id: 'credentials-in-url',
    severity: 'high',
    title: 'Credentials in the hook URL',
    description: 'A user:password@ part or a token-like query parameter is readable by everyone who can list the hooks and ends up in logs.',
    fix: 'Remove the credential from the URL, rotate it, and authenticate deliveries with the hook secret instead.',
    check: ({ hook }) => {
      const found = urlCredentials(hook.url);
      const out: string[] = [];
      if (found.userinfo) out.push('the URL carries a user:password@ (or token@) part');
      if (found.params.length > 0) out.push(`the URL carries token-like query parameters: ${found.params.join(', ')}`);
      return out.length > 0 ? [out.join('; ')] : [];
    },
  },
  {
    id: 'delivery-failing',
    severity: 'low',
    title: 'Recent deliveries fail',
    description: 'The provider reports that the latest delivery (or test) of this hook failed.',
    fix: 'Check that the receiver is up and answers 2xx, then trigger a delivery to confirm.',
    check: ({ entry }) => (entry.delivery?.state === 'failing' ? [`deliveries fail (${entry.delivery.detail})`] : []),
  },
  {
    id: 'all-branches',
    severity: 'info',
    title: 'Push hook fires on every branch',
    description: 'The branch filter matches every branch (.*), so the receiver is called for every push.',
    fix: 'Narrow the branch filter (--branch-filter) to the branches the receiver acts on.',
    check: ({ hook }) =>
      hook.events.includes('push') && hook.branchFilter !== undefined && MATCH_ALL_BRANCHES.test(hook.branchFilter)
        ? [`push events on every branch (branch filter ${hook.branchFilter})`]
        : [],
  },
  {
    id: 'unmanaged',
    severity: 'low',
    title: 'Hook not declared in the hooks file',
    description: 'The hook exists on the target but the hooks file does not declare it (same target and URL).',
    fix: 'Add the hook to the hooks file, or delete it from the target.',
    check: ({ hook, target, options }) =>
      options.declared && !options.declared.has(hookIdentity(target.target, hook.url)) ? ['not declared in the hooks file'] : [],
  },
];

export function ruleById(id: RuleId): Rule {
  const rule = RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}

/** The identities of the hooks a hooks file declares, for `AuditOptions.declared`. */
export function declaredIdentities(entries: Iterable<{ target: string; url: string }>): Set<string> {
  const out = new Set<string>();
  for (const entry of entries) out.add(hookIdentity(entry.target, entry.url));
  return out;
}

/** Wraps a resolver so each name is looked up once per run (a fleet repeats receiver hosts). */
export function cachedResolver(resolver: Resolver): Resolver {
  const cache = new Map<string, Promise<readonly string[]>>();
  return (hostname) => {
    const key = hostname.toLowerCase();
    let answer = cache.get(key);
    if (!answer) {
      answer = resolver(key);
      cache.set(key, answer);
    }
    return answer;
  };
}

/** Judges every hook of one target. Findings come in hook order, then rule order. */
export async function auditTarget(target: AuditTarget, options: AuditOptions = {}): Promise<Finding[]> {
  const rules = options.rules ?? RULES;
  const redact = options.redact ?? ((text: string) => text);
  const findings: Finding[] = [];
  for (const [index, entry] of target.hooks.entries()) {
    const { hook } = entry;
    const input: CheckInput = { entry, hook, url: parseUrl(hook.url), index, target, options };
    const shownUrl = redact(maskUrl(hook.url));
    for (const rule of rules) {
      for (const message of await rule.check(input)) {
        findings.push({
          ruleId: rule.id,
          severity: rule.severity,
          target: target.target,
          hookId: hook.id,
          url: shownUrl,
          message: redact(message),
          fix: rule.fix,
        });
      }
    }
  }
  return findings;
}

/** Most severe first, then by target, hook and rule order: the order a report lists them. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.target, b.target) ||
    compareText(a.hookId, b.hookId) ||
    RULE_IDS.indexOf(a.ruleId) - RULE_IDS.indexOf(b.ruleId)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Findings per severity, for the summary line and the table's groups. */
export function countBySeverity(findings: Iterable<Finding>): Record<Severity, number> {
  const counts: Record<Severity, number> = { info: 0, low: 0, medium: 0, high: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
