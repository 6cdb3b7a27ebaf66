/**
 * What a delivery (the POST a provider sends to a hook's URL) looks like, in shapes every provider
 * fills in: the GitLab style (the secret verbatim in a token header) and the GitHub style (an HMAC
 * of the body). Each provider states its own facts, with their sources, in its folder
 * (providers/<id>/delivery.ts); this module holds the shapes and the Git hosts' own formats.
 * Research: /work/notes/research-fleet.md §3 (delivery formats) and §2 (delivery logs).
 * `certainty`: `confirmed` = read in a named official source; `inferred` = derived (public
 * receivers, the host a provider brokers to); `unknown` = a best guess, kept until a real delivery
 * shows the truth (e.g. a delivery log's `request_headers`).
 */
import type { ProviderId } from '../model/target.js';

export const DELIVERY_EVENTS = ['push', 'tag_push', 'merge_request', 'note'] as const;
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];

export type Certainty = 'confirmed' | 'inferred' | 'unknown';

export interface Fact<T> {
  value: T;
  certainty: Certainty;
  source: string;
}

export interface GitlabStyleFacts {
  style: 'gitlab';
  /** Headers that may carry the secret verbatim; the first is the one hookctl sends. */
  tokenHeaders: Fact<readonly string[]>;
  /** Where the hook picks the token header (its `token_type`): the choices, the first the default. */
  tokenTypes?: Fact<readonly string[]>;
  /** Headers that may name the event; the first is the one hookctl sends. */
  eventHeaders: Fact<readonly string[]>;
  eventNames: Fact<Readonly<Record<DeliveryEvent, string>>>;
  body: Fact<string>;
  /** The body also carries the delivery's `uuid`. */
  uuidInBody?: boolean;
}

export interface GithubStyleFacts {
  style: 'github';
  /** HMAC-SHA256 of the body with the secret, hex, prefixed `sha256=`. */
  signatureHeader: Fact<string>;
  eventHeader: Fact<string>;
  eventNames: Fact<Readonly<Record<DeliveryEvent, string>>>;
}

export type DeliveryFormat = GitlabStyleFacts | GithubStyleFacts;

/** How one provider delivers: declared by its definition (`delivery`), read by listen and hooks test. */
export interface DeliveryProfile {
  /** Its formats; more than one where the hook picks (the first is the default; `hooks test --style`). */
  readonly formats: readonly [DeliveryFormat, ...DeliveryFormat[]];
  /** Headers only its deliveries carry: how `listen` tells the provider without --provider. */
  readonly detect: readonly string[];
  /** Headers it shares with other providers, looked at only once no provider's own ones matched. */
  readonly detectLast?: readonly string[];
  /** One line for README and `listen --help`: where the secret travels. */
  readonly summary: string;
}

/** A provider as the delivery code sees it (a provider definition is one). */
export interface DeliverySender {
  readonly id: ProviderId;
  readonly delivery?: DeliveryProfile | undefined;
}

export const GITLAB_EVENT_NAMES = { push: 'Push Hook', tag_push: 'Tag Push Hook', merge_request: 'Merge Request Hook', note: 'Note Hook' } as const;

/** The Git hosts' own webhooks, for providers that broker a hook onto one (sources: the hosts' webhook docs). */
export const GIT_HOST_DELIVERY: { github: GithubStyleFacts; gitlab: GitlabStyleFacts } = {
  github: {
    style: 'github',
    signatureHeader: { value: 'X-Hub-Signature-256', certainty: 'inferred', source: 'GitHub webhook docs' },
    eventHeader: { value: 'X-GitHub-Event', certainty: 'inferred', source: 'GitHub webhook docs' },
    eventNames: {
      value: { push: 'push', tag_push: 'push', merge_request: 'pull_request', note: 'issue_comment' },
      certainty: 'inferred',
      source: 'GitHub webhook docs',
    },
  },
  gitlab: {
    style: 'gitlab',
    tokenHeaders: { value: ['X-Gitlab-Token'], certainty: 'inferred', source: 'GitLab webhook docs (secret token sent verbatim)' },
    eventHeaders: { value: ['X-Gitlab-Event'], certainty: 'inferred', source: 'GitLab webhook docs' },
    eventNames: { value: GITLAB_EVENT_NAMES, certainty: 'inferred', source: 'GitLab webhook docs' },
    body: { value: 'GitLab webhook JSON', certainty: 'inferred', source: 'GitLab webhook docs' },
  },
};

/** The format a profile sends in `style` (its first when none is asked for or it has no such style). */
export function formatOf(profile: DeliveryProfile, style?: string): DeliveryFormat {
  return profile.formats.find((f) => f.style === style) ?? profile.formats[0];
}
