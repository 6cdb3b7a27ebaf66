/**
 * What Codeup tells about deliveries: what a delivery carries (GitLab style, the secret verbatim),
 * with the source of each fact, and the last test result kept on each hook.
 */
import { type DeliveryProfile, type Fact, GITLAB_EVENT_NAMES, type GitlabStyleFacts } from '../../deliveries/facts.js';
import type { DeliveryRecord } from '../../deliveries/history.js';
import type { DeliveryStatus } from '../../model/hook.js';

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

export const codeupDelivery: DeliveryProfile = {
  formats: [CODEUP_DELIVERY],
  detect: [...CODEUP_DELIVERY.tokenHeaders.value, ...CODEUP_DELIVERY.eventHeaders.value],
  summary: 'X-Codeup-Token: <secret> (verbatim); event in X-Codeup-Event (docs: Codeup-Event)',
};

/** Codeup `LastTestResult` values (devops 2021-06-25 docs: ok / error / ""). */
export const CODEUP_LAST_TEST_RESULT: Fact<readonly string[]> = {
  value: ['ok', 'error', ''],
  certainty: 'confirmed',
  source: 'help.aliyun.com api-devops-2021-06-25-listrepositorywebhook; what updates it is not stated',
};

/** Codeup keeps one result per hook. */
export function fromCodeupLastTestResult(value: string | null | undefined): DeliveryRecord[] {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'ok') return [{ status: 'ok', ok: true }];
  if (v === 'error') return [{ status: 'error', ok: false }];
  return [];
}

// Codeup's only delivery information: the last test result on each hook, `LastTestResult` (v3
// 2020-04-14) / `lastTestResult` (devops 2021-06-25, and read from Yunxiao answers should they
// carry it, though its WebHook docs list no such field). Documented values `ok`, `error` and ""
// (never run); research-fleet §2b, ../shared/providers/discovery-and-deliveries.md B2.

/** The longest value read: the documented ones are a few characters; anything longer is not one of them. */
export const MAX_LAST_TEST_RESULT = 64;

/**
 * The normalized delivery status, or undefined when there is none to report (never tested, or a
 * value Codeup does not document). `error` is failing; whether it reflects only the console's
 * "test" button or real deliveries as well is not stated by Codeup.
 */
export function codeupDeliveryStatus(lastTestResult: string | null | undefined): DeliveryStatus | undefined {
  const [last] = fromCodeupLastTestResult(lastTestResult);
  if (!last) return undefined;
  return last.ok ? { state: 'ok', detail: 'last test result: ok' } : { state: 'failing', detail: 'last test result: error' };
}
