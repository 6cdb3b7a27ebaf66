/** What a CodeArts Repo v4 delivery carries: the token header is the one the hook's `token_type` names. */
import { type DeliveryProfile, GITLAB_EVENT_NAMES, type GitlabStyleFacts } from '../../deliveries/facts.js';

export const CODEARTS_DELIVERY: GitlabStyleFacts = {
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
  uuidInBody: true,
};

export const codeartsDelivery: DeliveryProfile = {
  formats: [CODEARTS_DELIVERY],
  // X-Gitlab-Token / X-Gitlab-Event are shared with GitLab itself: not a sign of CodeArts.
  detect: ['X-Repo-Token', 'X-Devcloud-Token', 'X-Codehub-Token', 'X-Devcloud-Event', 'X-Codehub-Event', 'X-Repo-Event'],
  summary: '<token_type header, default X-Repo-Token>: <secret> (verbatim); event header undocumented',
};
