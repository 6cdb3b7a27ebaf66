/**
 * What each provider puts on a delivery (the POST it sends to a hook's URL), kept once, with the
 * source of each fact. Research: /work/notes/research-fleet.md §3 (delivery formats) and §2
 * (delivery logs). `certainty`: `confirmed` = read in a named official source; `inferred` =
 * derived (public receivers, the host a provider brokers to); `unknown` = a best guess, kept
 * until a real delivery shows the truth (e.g. a CodeArts log's `request_headers`).
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
  /** Headers that may name the event; the first is the one hookctl sends. */
  eventHeaders: Fact<readonly string[]>;
  eventNames: Fact<Readonly<Record<DeliveryEvent, string>>>;
  body: Fact<string>;
}

export interface GithubStyleFacts {
  style: 'github';
  /** HMAC-SHA256 of the body with the secret, hex, prefixed `sha256=`. */
  signatureHeader: Fact<string>;
  eventHeader: Fact<string>;
  eventNames: Fact<Readonly<Record<DeliveryEvent, string>>>;
}

const GITLAB_EVENT_NAMES = { push: 'Push Hook', tag_push: 'Tag Push Hook', merge_request: 'Merge Request Hook', note: 'Note Hook' } as const;

export const CODEUP_DELIVERY: GitlabStyleFacts = {
  style: 'gitlab',
  tokenHeaders: {
    value: ['X-Codeup-Token'],
    certainty: 'confirmed',
    source: 'help.aliyun.com/zh/yunxiao/user-guide/webhooks-settings-1 (secret sent verbatim, no HMAC)',
  },
  eventHeaders: {
    // The docs print `Codeup-Event`; public receivers read `X-Codeup-Event`. Both are accepted.
    value: ['X-Codeup-Event', 'Codeup-Event'],
    certainty: 'inferred',
    source: 'docs show "Codeup-Event: Push Hook"; public receivers read X-Codeup-Event (research-fleet §3a)',
  },
  eventNames: {
    value: GITLAB_EVENT_NAMES,
    certainty: 'inferred',
    source: 'Push Hook / Tag Push Hook in the docs; Merge Request Hook from public receivers; Note Hook not seen anywhere',
  },
  body: {
    value: 'GitLab-style JSON (object_kind, before, after, ref, repository, commits)',
    certainty: 'confirmed',
    source: 'help.aliyun.com webhooks-settings-1',
  },
};

/** CodeArts Repo v4: the token header is the one the hook's `token_type` names. */
export const CODEARTS_DELIVERY: GitlabStyleFacts & { tokenTypes: Fact<readonly string[]> } = {
  style: 'gitlab',
  tokenHeaders: {
    // Console choices first, then the older CodeHub names.
    value: ['X-Repo-Token', 'X-Gitlab-Token', 'X-Auth-Token', 'X-Devcloud-Token', 'X-Codehub-Token'],
    certainty: 'confirmed',
    source: 'CodeArts Repo user guide "Configuring Webhook Settings" (codeartsrepo_03_0023); older CodeHub guides',
  },
  tokenTypes: {
    value: ['X-Repo-Token', 'X-Gitlab-Token', 'X-Auth-Token'],
    certainty: 'confirmed',
    source: 'codeartsrepo_03_0023: token_type options, X-Repo-Token the default',
  },
  eventHeaders: {
    value: ['X-Devcloud-Event', 'X-Codehub-Event', 'X-Repo-Event', 'X-Gitlab-Event'],
    certainty: 'unknown',
    source: 'not documented for v4; the one official sample (CodeHub codehub_ug_0222) shows X-Devcloud-Event (research-fleet §3b)',
  },
  eventNames: { value: GITLAB_EVENT_NAMES, certainty: 'inferred', source: 'CodeHub sample (Push Hook); third-party receivers' },
  body: {
    value: 'GitLab-style JSON plus a `uuid` field (MR events embed the MR iid)',
    certainty: 'inferred',
    source: 'CodeHub UG sample; uuid from the delivery-log API docs',
  },
};

/**
 * ServiceStage brokers the hook onto the authorization's Git host, so the delivery is that host's
 * own webhook: GitHub signs the body, GitLab sends the secret verbatim. Undocumented by ServiceStage.
 */
export const SERVICESTAGE_DELIVERY: { github: GithubStyleFacts; gitlab: GitlabStyleFacts } = {
  github: {
    style: 'github',
    signatureHeader: {
      value: 'X-Hub-Signature-256',
      certainty: 'inferred',
      source: 'servicestage_api_0067 calls `secret` "used to verify received payloads"; GitHub webhook docs',
    },
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

/** One line per provider for README and `listen --help`: where the secret travels. */
export const DELIVERY_HEADER_SUMMARY: Record<ProviderId, string> = {
  codeup: 'X-Codeup-Token: <secret> (verbatim); event in X-Codeup-Event (docs: Codeup-Event)',
  codearts: '<token_type header, default X-Repo-Token>: <secret> (verbatim); event header undocumented',
  servicestage: "the Git host's own: X-Hub-Signature-256 (GitHub HMAC) or X-Gitlab-Token (GitLab) [inferred]",
};

/** Codeup `LastTestResult` values (devops 2021-06-25 docs: ok / error / ""). */
export const CODEUP_LAST_TEST_RESULT: Fact<readonly string[]> = {
  value: ['ok', 'error', ''],
  certainty: 'confirmed',
  source: 'help.aliyun.com api-devops-2021-06-25-listrepositorywebhook; what updates it is not stated',
};
