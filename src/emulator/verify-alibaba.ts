/**
 * The POP gateway's signature check, as the emulator runs it (codeup.md §4a, §4b). It accepts the
 * ROA "acs" HMAC-SHA1 v1 signature (what the official 2020-04-14 client and hookctl send by default)
 * and ACS3-HMAC-SHA256 (hookctl's opt-in `codeup.signature: acs3`). Written from the gateway's rules
 * alone, importing nothing from http/ or providers/, so a signer bug is not mirrored in its check.
 */
import { createHash, createHmac } from 'node:crypto';
import type { EmulatorRequest } from './http.js';
import { constantTimeEqual, MAX_CLOCK_SKEW_MS, parseAuthFields, type SignatureCheck, skewMs } from './verify-common.js';

const ACS3 = 'ACS3-HMAC-SHA256';

export function hmacSha1Base64(key: string, data: string): string {
  return createHmac('sha1', key).update(data, 'utf8').digest('base64');
}

export function md5Base64(data: Uint8Array): string {
  return createHash('md5').update(data).digest('base64');
}

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Lower-case names; a name sent twice (any case) becomes one value, sorted and comma-joined. */
function lowerHeaders(headers: Record<string, string>): Map<string, string> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) grouped.set(name.toLowerCase(), [...(grouped.get(name.toLowerCase()) ?? []), value.trim()]);
  return new Map([...grouped].map(([name, values]) => [name, values.sort(byCodeUnit).join(',')]));
}

/** The raw query, split and decoded (`+` as a space, as a form-encoding client means it); `undefined` for a bare name. */
function queryPairs(url: URL): Array<[string, string | undefined]> {
  return url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string | undefined] => {
      const eq = part.indexOf('=');
      const d = (x: string): string => decode(x.replace(/\+/g, ' '));
      return eq < 0 ? [d(part), undefined] : [d(part.slice(0, eq)), d(part.slice(eq + 1))];
    })
    .sort(([ka, va], [kb, vb]) => byCodeUnit(ka, kb) || byCodeUnit(va ?? '', vb ?? ''));
}

/**
 * ROA resource: the path exactly as sent (the client signs its already-encoded pathname), then the
 * query names sorted with raw values. A name written without `=` is emitted bare (python composer).
 */
function roaResource(url: URL): string {
  const pairs = queryPairs(url);
  if (pairs.length === 0) return url.pathname;
  return `${url.pathname}?${pairs.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join('&')}`;
}

export function roaV1Sign(input: { method: string; url: URL; headers: Record<string, string>; accessKeySecret: string }): {
  signature: string;
  stringToSign: string;
} {
  const headers = lowerHeaders(input.headers);
  const get = (name: string): string => headers.get(name) ?? '';
  const canonicalHeaders = [...headers.keys()]
    .filter((name) => name.startsWith('x-acs-'))
    .sort(byCodeUnit)
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

/** RFC 3986: unreserved kept, every other UTF-8 byte as upper-case %XX. */
function rfc3986(value: string): string {
  return [...new TextEncoder().encode(value)]
    .map((byte) => {
      const ch = String.fromCharCode(byte);
      return /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** The ACS3 signature over the names the client listed in SignedHeaders. */
export function acs3Recompute(req: EmulatorRequest, headers: Map<string, string>, signedNames: string[], secret: string): string {
  const names = [...new Set(signedNames)].sort(byCodeUnit);
  const value = (name: string): string => headers.get(name) ?? (name === 'host' ? req.url.host : '');
  const query = queryPairs(req.url)
    .map(([k, v]) => (v === undefined || v === '' ? rfc3986(k) : `${rfc3986(k)}=${rfc3986(v)}`))
    .join('&');
  const canonicalRequest = [
    req.method.toUpperCase(),
    req.url.pathname
      .split('/')
      .map((segment) => rfc3986(decode(segment)))
      .join('/'),
    query,
    names.map((name) => `${name}:${value(name)}\n`).join(''),
    names.join(';'),
    headers.get('x-acs-content-sha256') ?? sha256(req.body),
  ].join('\n');
  return createHmac('sha256', secret)
    .update(`${ACS3}\n${sha256(canonicalRequest)}`, 'utf8')
    .digest('hex');
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
  const headers = lowerHeaders(req.headers);
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
  return expected !== undefined && constantTimeEqual(expected, claim.signature) ? { ok: true, accessKeyId: claim.accessKeyId } : MISMATCH;
}

function parseAcs3(req: EmulatorRequest, headers: Map<string, string>, authorization: string): Claim | SignatureCheck {
  const fields = parseAuthFields(authorization.slice(ACS3.length + 1));
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
      if (claimed !== undefined && claimed !== sha256(req.body)) return undefined;
      return acs3Recompute(req, headers, names, secret);
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
