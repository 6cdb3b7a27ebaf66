/**
 * Checking a received delivery (`hookctl listen`): which provider sent it, whether it carries one
 * of the expected secrets where that provider puts it (its delivery facts), and what it is about.
 * Secrets are compared in constant time (equal-length digests through timingSafeEqual), each one
 * tried. The providers are passed in (their definitions); nothing here knows one by name.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ProviderId } from '../model/target.js';
import type { DeliveryFormat, DeliverySender } from './facts.js';

export type Verdict = 'verified' | 'bad-token' | 'no-token' | 'unchecked';

export interface VerifyOptions {
  /** Absent: told by the headers. */
  provider?: ProviderId | undefined;
  /** Where the hook picks its token header (`token_type`): that header, when known; else every known one is looked at. */
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

/** Which provider sent this, by the headers only it uses (then the shared ones); undefined when nothing tells. */
export function detectFrom(senders: readonly DeliverySender[], headers: HeaderMap): ProviderId | undefined {
  const has = (names: readonly string[] | undefined) => lower(names ?? []).some((n) => headers[n] !== undefined);
  return (senders.find((s) => has(s.delivery?.detect)) ?? senders.find((s) => has(s.delivery?.detectLast)))?.id;
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

function checkSignature(headers: HeaderMap, header: string, body: Uint8Array, secrets: readonly string[]): { verdict: Verdict; via?: string } {
  const name = header.toLowerCase();
  const given = headers[name];
  if (given === undefined) return { verdict: 'no-token' };
  const ok = anySecret(secrets, (secret) => sameSecret(given, `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`));
  return { verdict: ok ? 'verified' : 'bad-token', via: name };
}

/** The headers a format may carry its credential in (the hook's own pick, where it has one and it is known). */
function credentialHeaders(format: DeliveryFormat, tokenHeader: string | undefined): readonly string[] {
  if (format.style === 'github') return [format.signatureHeader.value];
  return format.tokenTypes && tokenHeader ? [tokenHeader] : format.tokenHeaders.value;
}

/** What the headers alone tell: a verdict, or (an HMAC of the body) the header whose signature the body must match. */
export type HeaderCheck = VerifyResult | { provider: ProviderId; signedIn: string };

/**
 * The check a receiver makes before reading a body: a token sent verbatim is judged here, so a
 * sender without it never gets its body read; a signed format only says where its signature is.
 */
export function checkHeaders(senders: readonly DeliverySender[], headers: HeaderMap, options: VerifyOptions): HeaderCheck {
  const provider = options.provider ?? detectFrom(senders, headers);
  if (options.secrets.length === 0) return { provider: provider ?? 'unknown', verdict: 'unchecked' };
  const formats = senders.find((s) => s.id === provider)?.delivery?.formats;
  if (provider === undefined || !formats) return { provider: 'unknown', verdict: 'no-token' };
  // The format whose credential header is there (a provider may deliver in more than one); none: no token.
  const format = formats.find((f) => lower(credentialHeaders(f, options.tokenHeader)).some((n) => headers[n] !== undefined));
  if (!format) return { provider, verdict: 'no-token' };
  if (format.style === 'github') return { provider, signedIn: format.signatureHeader.value.toLowerCase() };
  return { provider, ...checkToken(headers, credentialHeaders(format, options.tokenHeader), options.secrets) };
}

/** The verdict on a signed delivery, once its body is read. */
export function checkSigned(check: { provider: ProviderId; signedIn: string }, headers: HeaderMap, body: Uint8Array, secrets: readonly string[]): VerifyResult {
  return { provider: check.provider, ...checkSignature(headers, check.signedIn, body, secrets) };
}

export function verifyFrom(senders: readonly DeliverySender[], headers: HeaderMap, body: Uint8Array, options: VerifyOptions): VerifyResult {
  const check = checkHeaders(senders, headers, options);
  return 'signedIn' in check ? checkSigned(check, headers, body, options.secrets) : check;
}

/** Every header that carries a secret verbatim, in any format of any sender: never relayed by `listen --forward-to`. */
export function tokenHeadersOf(senders: readonly DeliverySender[]): string[] {
  const names = senders.flatMap((s) =>
    (s.delivery?.formats ?? []).flatMap((f) => (f.style === 'github' ? [] : [...f.tokenHeaders.value, ...(f.tokenTypes?.value ?? [])])),
  );
  return [...new Set(lower(names))];
}

/** Every header that may name the event, each once, in the senders' order. */
export function eventHeadersOf(senders: readonly DeliverySender[]): string[] {
  const names = senders.flatMap((s) => (s.delivery?.formats ?? []).flatMap((f) => (f.style === 'github' ? [f.eventHeader.value] : f.eventHeaders.value)));
  return [...new Set(lower(names))];
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

/** What a delivery is about, from its JSON body (GitLab- or GitHub-style) and event headers (eventHeadersOf). */
export function summarizeWith(eventHeaders: readonly string[], headers: HeaderMap, body: Uint8Array): DeliverySummary {
  let json: Record<string, unknown> = {};
  try {
    json = obj(JSON.parse(Buffer.from(body).toString('utf8')));
  } catch {
    // not JSON: the headers are all there is
  }
  const headerEvent = eventHeaders.map((n) => headers[n.toLowerCase()]).find((v) => v !== undefined);
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
