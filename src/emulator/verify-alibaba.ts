/**
 * The POP gateway's signature check, as the emulator runs it (codeup.md §4a, §4b). It accepts
 * ACS3-HMAC-SHA256 (what hookctl sends; recomputed with the production `acs3Sign`) and the ROA
 * "acs" HMAC-SHA1 v1 signature the generated 2020-04-14 clients send (`roaV1Sign`, here because
 * hookctl never sends it).
 */
import { createHash, createHmac } from 'node:crypto';
import { ACS3_ALGORITHM, acs3Sign, compareStrings, lowerCaseHeaders, safeDecode, sha256Hex } from '../http/auth/signing.js';
import type { EmulatorRequest } from './http.js';
import { constantTimeEqual, MAX_CLOCK_SKEW_MS, parseAuthFields, type SignatureCheck, skewMs } from './verify-common.js';

export function hmacSha1Base64(key: string, data: string): string {
  return createHmac('sha1', key).update(data, 'utf8').digest('base64');
}

export function md5Base64(data: Uint8Array): string {
  return createHash('md5').update(data).digest('base64');
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

export function roaV1Sign(input: { method: string; url: URL; headers: Record<string, string>; accessKeySecret: string }): {
  signature: string;
  stringToSign: string;
} {
  const headers = lowerCaseHeaders(input.headers);
  const get = (name: string): string => headers.get(name) ?? '';
  const canonicalHeaders = [...headers.keys()]
    .filter((name) => name.startsWith('x-acs-'))
    .sort(compareStrings)
    .map(
      (name) =>
        `${name}:${get(name)
          .replace(/[\t\n\r\f]/g, ' ')
          .trim()}\n`,
    )
    .join('');
  const stringToSign =
    `${input.method.toUpperCase()}\n${get('accept')}\n${get('content-md5')}\n` +
    `${get('content-type')}\n${get('date')}\n${canonicalHeaders}${roaResource(input.url)}`;
  return { signature: hmacSha1Base64(input.accessKeySecret, stringToSign), stringToSign };
}

const fail = (status: number, code: string, message: string): SignatureCheck => ({ ok: false, status, code, message });
const INCOMPLETE = (why: string): SignatureCheck => fail(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards: ${why}`);
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

export function verifyAlibabaRequest(req: EmulatorRequest, lookupSecret: Lookup, now: Date): SignatureCheck {
  const headers = lowerCaseHeaders(req.headers);
  const authorization = headers.get('authorization') ?? '';
  const claim = authorization.startsWith(`${ACS3_ALGORITHM} `)
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
  return expected !== undefined && constantTimeEqual(expected, claim.signature) ? { ok: true, accessKeyId: claim.accessKeyId } : MISMATCH;
}

function parseAcs3(req: EmulatorRequest, headers: Map<string, string>, authorization: string): Claim | SignatureCheck {
  const fields = parseAuthFields(authorization.slice(ACS3_ALGORITHM.length + 1));
  const accessKeyId = fields.get('Credential');
  const signedList = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedList || !signature) {
    return INCOMPLETE('Authorization must carry Credential, SignedHeaders and Signature.');
  }
  // host and every x-acs-* header present must be covered, or they could be altered in transit.
  const names = signedList.split(';').map((n) => n.trim().toLowerCase());
  const unsigned = ['host', ...[...headers.keys()].filter((n) => n.startsWith('x-acs-'))].filter((n) => !names.includes(n));
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

function parseRoa(req: EmulatorRequest, headers: Map<string, string>, authorization: string): Claim | SignatureCheck {
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
