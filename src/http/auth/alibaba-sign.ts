/**
 * Alibaba Cloud POP gateway signatures (docs: shared/providers/codeup.md §4a, §4b).
 * - ACS3-HMAC-SHA256 (v3) is what hookctl sends: it covers method, path, query, headers and body.
 * - ROA "acs" HMAC-SHA1 (v1) is kept so the emulator accepts what the generated 2020-04-14 clients
 *   send, and for parity tests against the SDK vectors.
 * The sign functions are pure; the AuthStep adds clock, nonce and credentials around them.
 */
import type { AuthStep, HttpRequest } from '../types.js';
import type { Secret } from '../../model/secret.js';
import {
  EMPTY_SHA256,
  MAX_CLOCK_SKEW_MS,
  canonicalQueryString,
  compareStrings,
  constantTimeEqual,
  encodePathSegments,
  hmacSha1Base64,
  hmacSha256Hex,
  isoSecondsUtc,
  lowerCaseHeaders,
  md5Base64,
  normalizeQueryEncoding,
  parseAuthFields,
  type ReceivedRequest,
  safeDecode,
  sha256Hex,
  skewMs,
  type SignatureCheck,
} from './encoding.js';

export type { SignatureCheck } from './encoding.js';

export interface AlibabaCredentials {
  accessKeyId: string;
  accessKeySecret: Secret;
  securityToken?: Secret | undefined;
}

export interface Acs3SignInput {
  method: string;
  url: URL;
  /** Lower-case names; names that collide after lower-casing are merged as the SDK does. */
  headers: Record<string, string>;
  body: Uint8Array | undefined;
  accessKeyId: string;
  accessKeySecret: string;
  signedHeaderNames?: string[] | undefined;
  /** Only for SDK vectors a URL and a body cannot express (an unset pathname, a non-SHA-256 hash). */
  payloadHash?: string | undefined;
  canonicalUri?: string | undefined;
}

export interface Acs3Signature {
  authorization: string;
  signature: string;
  signedHeaders: string;
  canonicalRequest: string;
}

const ACS3 = 'ACS3-HMAC-SHA256';

/** The gateway requires host, content-type and every x-acs-* header to be signed when present. */
function defaultAcs3Names(headers: Map<string, string>): string[] {
  return [...headers.keys()].filter(
    (name) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'),
  );
}

export function acs3Sign(input: Acs3SignInput): Acs3Signature {
  const headers = lowerCaseHeaders(input.headers);
  if (!headers.has('host')) headers.set('host', input.url.host);
  const names = [
    ...new Set((input.signedHeaderNames ?? defaultAcs3Names(headers)).map((n) => n.toLowerCase())),
  ].sort(compareStrings);
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join('');
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.canonicalUri ?? encodePathSegments(input.url.pathname),
    canonicalQueryString(input.url.searchParams, { bareEmptyValue: true }),
    canonicalHeaders,
    signedHeaders,
    input.payloadHash ?? (input.body ? sha256Hex(input.body) : EMPTY_SHA256),
  ].join('\n');
  const stringToSign = `${ACS3}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256Hex(input.accessKeySecret, stringToSign);
  const authorization = `${ACS3} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { authorization, signature, signedHeaders, canonicalRequest };
}

/**
 * ROA query canonicalization: names sorted, values raw (not encoded). A name written without `=` on
 * the wire is emitted bare (python composer's `None`); `k=` stays `k=` (both SDKs for '').
 */
function roaResource(url: URL): string {
  const path = safeDecode(url.pathname);
  const pairs = url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string | undefined] => {
      const eq = part.indexOf('=');
      const decode = (s: string): string => safeDecode(s.replace(/\+/g, ' '));
      return eq < 0 ? [decode(part), undefined] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
    })
    .sort(([ka, va], [kb, vb]) => compareStrings(ka, kb) || compareStrings(va ?? '', vb ?? ''));
  if (pairs.length === 0) return path;
  return `${path}?${pairs.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join('&')}`;
}

export function roaV1Sign(input: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  accessKeySecret: string;
}): { signature: string; stringToSign: string } {
  const headers = lowerCaseHeaders(input.headers);
  const get = (name: string): string => headers.get(name) ?? '';
  const canonicalHeaders = [...headers.keys()]
    .filter((name) => name.startsWith('x-acs-'))
    .sort(compareStrings)
    .map((name) => `${name}:${get(name).replace(/[\t\n\r\f]/g, ' ').trim()}\n`)
    .join('');
  const stringToSign =
    `${input.method.toUpperCase()}\n${get('accept')}\n${get('content-md5')}\n` +
    `${get('content-type')}\n${get('date')}\n${canonicalHeaders}${roaResource(input.url)}`;
  return { signature: hmacSha1Base64(input.accessKeySecret, stringToSign), stringToSign };
}

export function createAlibabaAcs3Auth(
  credentials: AlibabaCredentials,
  deps: { now: () => Date; nonce: () => string },
): AuthStep {
  const sign = (request: HttpRequest): void => {
    const h = request.headers;
    normalizeQueryEncoding(request.url);
    h.host = request.url.host;
    h['x-acs-date'] = isoSecondsUtc(deps.now());
    h['x-acs-signature-nonce'] = deps.nonce();
    h['x-acs-content-sha256'] = request.body ? sha256Hex(request.body) : EMPTY_SHA256;
    h.accept ??= 'application/json';
    if (credentials.securityToken && !credentials.securityToken.isEmpty) {
      h['x-acs-security-token'] = credentials.securityToken.reveal();
      h['x-acs-accesskey-id'] = credentials.accessKeyId;
    }
    // x-acs-action / x-acs-version were set by the adapter and are signed like every x-acs-* header.
    h.authorization = acs3Sign({
      method: request.method,
      url: request.url,
      headers: h,
      body: request.body,
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret.reveal(),
    }).authorization;
  };
  return {
    name: 'alibaba-acs3',
    authorize: async (request) => sign(request),
    preview: sign, // signing is offline, so a preview is the real thing (printed masked)
    secrets: () =>
      [credentials.accessKeySecret, credentials.securityToken]
        .map((s) => s?.reveal() ?? '')
        .filter((v) => v !== ''),
  };
}

// ---- server side (emulator) -------------------------------------------------------------------

const fail = (status: number, code: string, message: string): SignatureCheck => ({ ok: false, status, code, message });
const INCOMPLETE = (why: string): SignatureCheck =>
  fail(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards: ${why}`);
const MISMATCH = fail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
const AK_NOT_FOUND = fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
const NO_NONCE = fail(400, 'MissingSignatureNonce', 'SignatureNonce is mandatory for this action.');
const BAD_TIME = fail(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
const EXPIRED = fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

type Lookup = (accessKeyId: string) => string | undefined;

/** What an Authorization header claims, and how to recompute it once the secret is known. */
interface Claim {
  accessKeyId: string;
  signature: string;
  /** The request time, or an invalid Date when missing or malformed. */
  time: Date;
  /** The expected signature, or undefined when the body contradicts a signed body digest. */
  expected: (secret: string) => string | undefined;
}

export function verifyAlibabaRequest(req: ReceivedRequest, lookupSecret: Lookup, now: Date): SignatureCheck {
  const headers = lowerCaseHeaders(req.headers);
  const authorization = headers.get('authorization') ?? '';
  const claim = authorization.startsWith(`${ACS3} `)
    ? parseAcs3(req, headers, authorization)
    : authorization.startsWith('acs ')
      ? parseRoa(req, headers, authorization)
      : INCOMPLETE(authorization === '' ? 'Authorization header is missing.' : 'unknown signature algorithm.');
  if ('ok' in claim) return claim;

  const secret = lookupSecret(claim.accessKeyId);
  if (secret === undefined) return AK_NOT_FOUND;
  if (!headers.get('x-acs-signature-nonce')) return NO_NONCE;
  const skew = skewMs(claim.time, now);
  if (skew === undefined) return BAD_TIME;
  if (skew > MAX_CLOCK_SKEW_MS) return EXPIRED;
  const expected = claim.expected(secret);
  return expected !== undefined && constantTimeEqual(expected, claim.signature)
    ? { ok: true, accessKeyId: claim.accessKeyId }
    : MISMATCH;
}

function parseAcs3(req: ReceivedRequest, headers: Map<string, string>, authorization: string): Claim | SignatureCheck {
  const fields = parseAuthFields(authorization.slice(ACS3.length + 1));
  const accessKeyId = fields.get('Credential');
  const signedList = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedList || !signature) {
    return INCOMPLETE('Authorization must carry Credential, SignedHeaders and Signature.');
  }
  // host and every x-acs-* header present must be covered, or they could be altered in transit.
  const names = signedList.split(';').map((n) => n.trim().toLowerCase());
  const unsigned = ['host', ...[...headers.keys()].filter((n) => n.startsWith('x-acs-'))].filter(
    (n) => !names.includes(n),
  );
  if (unsigned.length > 0) return INCOMPLETE(`SignedHeaders must include ${unsigned.join(', ')}.`);
  const date = headers.get('x-acs-date') ?? '';
  return {
    accessKeyId,
    signature,
    time: ISO_SECONDS.test(date) ? new Date(date) : new Date(Number.NaN),
    expected: (secret) => {
      const claimed = headers.get('x-acs-content-sha256');
      if (claimed !== undefined && claimed !== sha256Hex(req.body)) return undefined;
      const input = { ...req, headers: Object.fromEntries(headers), signedHeaderNames: names };
      return acs3Sign({ ...input, accessKeyId, accessKeySecret: secret }).signature;
    },
  };
}

function parseRoa(req: ReceivedRequest, headers: Map<string, string>, authorization: string): Claim | SignatureCheck {
  const credential = authorization.slice('acs '.length).trim();
  const colon = credential.lastIndexOf(':');
  const accessKeyId = colon > 0 ? credential.slice(0, colon) : '';
  const signature = colon > 0 ? credential.slice(colon + 1) : '';
  if (accessKeyId === '' || signature === '') return INCOMPLETE('expected "acs <AccessKeyId>:<Signature>".');
  const method = headers.get('x-acs-signature-method');
  if (method !== undefined && method !== 'HMAC-SHA1') return INCOMPLETE('unsupported x-acs-signature-method.');
  return {
    accessKeyId,
    signature,
    time: new Date(headers.get('date') ?? Number.NaN),
    expected: (secret) => {
      // v1 does not sign the body; Content-MD5, when sent, is the only thing tying the body to it.
      const md5 = headers.get('content-md5');
      if (md5 !== undefined && md5 !== md5Base64(req.body)) return undefined;
      return roaV1Sign({ ...req, headers: Object.fromEntries(headers), accessKeySecret: secret }).signature;
    },
  };
}
