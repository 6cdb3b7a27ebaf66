/**
 * ServiceStage brokers the hook onto the authorization's Git host, so the delivery is that host's
 * own webhook: GitHub signs the body, GitLab sends the secret verbatim. Undocumented by ServiceStage.
 */
import { type DeliveryProfile, GIT_HOST_DELIVERY, type GithubStyleFacts } from '../../deliveries/facts.js';

const github: GithubStyleFacts = {
  ...GIT_HOST_DELIVERY.github,
  signatureHeader: {
    ...GIT_HOST_DELIVERY.github.signatureHeader,
    source: 'servicestage_api_0067 calls `secret` "used to verify received payloads"; GitHub webhook docs',
  },
};

export const servicestageDelivery: DeliveryProfile = {
  // GitHub first: the default of `hooks test --style`.
  formats: [github, GIT_HOST_DELIVERY.gitlab],
  detect: [github.signatureHeader.value, github.eventHeader.value],
  detectLast: [...GIT_HOST_DELIVERY.gitlab.tokenHeaders.value, ...GIT_HOST_DELIVERY.gitlab.eventHeaders.value],
  summary: "the Git host's own: X-Hub-Signature-256 (GitHub HMAC) or X-Gitlab-Token (GitLab) [inferred]",
};
