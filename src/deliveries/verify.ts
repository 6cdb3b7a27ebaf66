/**
 * Checking a received delivery (`hookctl listen`): which provider sent it, whether it carries one
 * of the expected secrets where that provider puts it (facts.ts), and what it is about. Secrets
 * are compared in constant time (equal-length digests through timingSafeEqual), each one tried.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ProviderId } from '../model/target.js';
import { CODEARTS_DELIVERY, CODEUP_DELIVERY, SERVICESTAGE_DELIVERY } from './facts.js';

export type Verdict = 'verified' | 'bad-token' | 'no-token' | 'unchecked';

export interface VerifyOptions {
  /** Absent: told by the headers. */
  provider?: ProviderId | undefined;
  /** CodeArts: the hook's token_type, when known; else every known token header is looked at. */
  tokenHeader?: string | undefined;
  secrets: readonly string[];
}

export interface VerifyResult {
  provider: ProviderId | 'unknown';
  verdict: Verdict;
  /** The header that carried the credential (never its value). */
  via?: string;
}

/** Lower-case header names → value. */
export type HeaderMap = Record<string, string | undefined>;

const lower = (names: readonly string[]) => names.map((n) => n.toLowerCase());

/** Which provider sent this, by the headers only it uses; undefined when nothing tells. */
export function detectProvider(headers: HeaderMap): ProviderId | undefined {
  const has = (names: readonly string[]) => lower(names).some((n) => headers[n] !== undefined);
  if (has([...CODEUP_DELIVERY.tokenHeaders.value, ...CODEUP_DELIVERY.eventHeaders.value])) return 'codeup';
  if (has([SERVICESTAGE_DELIVERY.github.signatureHeader.value, SERVICESTAGE_DELIVERY.github.eventHeader.value])) return 'servicestage';
  if (has(['X-Repo-Token', 'X-Devcloud-Token', 'X-Codehub-Token', 'X-Devcloud-Event', 'X-Codehub-Event', 'X-Repo-Event'])) return 'codearts';
  if (has(['X-Gitlab-Token', 'X-Gitlab-Event'])) return 'servicestage';
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  // Digests have one length, so the comparison time does not depend on where the values differ.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function anySecret(secrets: readonly string[], test: (secret: string) => boolean): boolean {
  let ok = false;
  // Every secret is tried (no early exit), so timing does not tell which one matched.
  for (const secret of secrets) ok = test(secret) || ok;
  return ok;
}

function checkToken(headers: HeaderMap, candidates: readonly string[], secrets: readonly string[]): { verdict: Verdict; via?: string } {
  const name = lower(candidates).find((n) => headers[n] !== undefined);
  if (name === undefined) return { verdict: 'no-token' };
  const given = headers[name] ?? '';
  return { verdict: anySecret(secrets, (s) => sameSecret(given, s)) ? 'verified' : 'bad-token', via: name };
}

function checkSignature(headers: HeaderMap, body: Uint8Array, secrets: readonly string[]): { verdict: Verdict; via?: string } {
  const name = SERVICESTAGE_DELIVERY.github.signatureHeader.value.toLowerCase();
  const given = headers[name];
  if (given === undefined) return { verdict: 'no-token' };
  const ok = anySecret(secrets, (secret) => sameSecret(given, `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`));
  return { verdict: ok ? 'verified' : 'bad-token', via: name };
}

export function verifyDelivery(headers: HeaderMap, body: Uint8Array, options: VerifyOptions): VerifyResult {
  const provider = options.provider ?? detectProvider(headers);
  if (options.secrets.length === 0) return { provider: provider ?? 'unknown', verdict: 'unchecked' };
  switch (provider) {
    case 'codeup':
      return { provider, ...checkToken(headers, CODEUP_DELIVERY.tokenHeaders.value, options.secrets) };
    case 'codearts':
      return { provider, ...checkToken(headers, options.tokenHeader ? [options.tokenHeader] : CODEARTS_DELIVERY.tokenHeaders.value, options.secrets) };
    case 'servicestage': {
      if (headers[SERVICESTAGE_DELIVERY.github.signatureHeader.value.toLowerCase()] !== undefined)
        return { provider, ...checkSignature(headers, body, options.secrets) };
      return { provider, ...checkToken(headers, SERVICESTAGE_DELIVERY.gitlab.tokenHeaders.value, options.secrets) };
    }
    default:
      return { provider: 'unknown', verdict: 'no-token' };
  }
}

export interface DeliverySummary {
  event: string;
  repository: string;
  ref: string;
  /** Short (8-character) commit ids. */
  commits: string[];
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const obj = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** What a delivery is about, from its JSON body (GitLab- or GitHub-style) and event headers. */
export function summarize(headers: HeaderMap, body: Uint8Array): DeliverySummary {
  let json: Record<string, unknown> = {};
  try {
    json = obj(JSON.parse(Buffer.from(body).toString('utf8')));
  } catch {
    // not JSON: the headers are all there is
  }
  const headerEvent = ['x-codeup-event', 'codeup-event', 'x-devcloud-event', 'x-codehub-event', 'x-repo-event', 'x-gitlab-event', 'x-github-event']
    .map((n) => headers[n])
    .find((v) => v !== undefined);
  const attrs = obj(json.object_attributes);
  const project = obj(json.project);
  const repository = obj(json.repository);
  const pr = obj(json.pull_request);
  const ref = str(json.ref) ?? str(attrs.target_branch) ?? str(obj(json.merge_request).target_branch) ?? str(obj(pr.base).ref) ?? '-';
  const commits = Array.isArray(json.commits) ? json.commits.map((c) => str(obj(c).id)).filter((id): id is string => id !== undefined) : [];
  const after = str(json.after);
  const shown = (commits.length > 0 ? commits : after && !/^0+$/.test(after) ? [after] : []).map((id) => id.slice(0, 8));
  return {
    event: str(json.object_kind) ?? headerEvent ?? '-',
    repository: str(project.path_with_namespace) ?? str(repository.full_name) ?? str(repository.name) ?? '-',
    ref,
    commits: shown,
  };
}
