/**
 * Huawei Cloud APIG "SDK-HMAC-SHA256" AK/SK signing (docs: shared/providers/codearts.md §4b,
 * servicestage.md §5) and the matching server-side check for the emulator. Used for CodeArts Repo
 * and ServiceStage when the user configures AK/SK instead of an IAM token.
 */
import type { AuthStep, HttpRequest } from '../types.js';
import type { Secret } from '../../model/secret.js';
import {
  EMPTY_SHA256,
  MAX_CLOCK_SKEW_MS,
  basicDateUtc,
  canonicalQueryString,
  compareStrings,
  constantTimeEqual,
  encodePathSegments,
  hmacSha256Hex,
  lowerCaseHeaders,
  normalizeQueryEncoding,
  parseAuthFields,
  type ReceivedRequest,
  sha256Hex,
  skewMs,
  type SignatureCheck,
} from './encoding.js';

export interface HuaweiAkskCredentials {
  accessKey: string;
  secretKey: Secret;
  securityToken?: Secret | undefined;
}

export interface SdkHmacSignInput {
  method: string;
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Uint8Array | undefined;
  accessKey: string;
  secretKey: string;
  /** Defaults to every header present (except authorization) plus host. */
  signedHeaderNames?: string[] | undefined;
}

export interface SdkHmacSignature {
  authorization: string;
  signature: string;
  signedHeaders: string;
  canonicalRequest: string;
}

const ALGORITHM = 'SDK-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** Canonical URI: segments RFC 3986-encoded (`:` → `%3A`) and always ending in `/`. */
function canonicalUri(url: URL): string {
  const encoded = encodePathSegments(url.pathname);
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

export function sdkHmacSign(input: SdkHmacSignInput): SdkHmacSignature {
  const headers = lowerCaseHeaders(input.headers);
  if (!headers.has('host')) headers.set('host', input.url.host);
  const requested = input.signedHeaderNames ?? [...headers.keys()].filter((n) => n !== 'authorization');
  const names = [...new Set(requested.map((n) => n.toLowerCase()))].sort(compareStrings);
  const date = headers.get('x-sdk-date');
  // The gateway rejects a signature that does not cover the date, so fail loudly at the caller.
  if (!date || !names.includes('x-sdk-date')) throw new Error('SDK-HMAC-SHA256 requires a signed x-sdk-date header');

  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join('');
  // SDKs send x-sdk-content-sha256: UNSIGNED-PAYLOAD for streamed bodies; its value then stands in.
  const payloadHash = headers.get('x-sdk-content-sha256') ?? (input.body ? sha256Hex(input.body) : EMPTY_SHA256);
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalUri(input.url),
    canonicalQueryString(input.url.searchParams, { bareEmptyValue: false }),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = `${ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256Hex(input.secretKey, stringToSign);
  const authorization = `${ALGORITHM} Access=${input.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { authorization, signature, signedHeaders, canonicalRequest };
}

export function createHuaweiAkskAuth(credentials: HuaweiAkskCredentials, deps: { now: () => Date }): AuthStep {
  const sign = (request: HttpRequest): void => {
    const h = request.headers;
    normalizeQueryEncoding(request.url);
    h.host = request.url.host;
    h['x-sdk-date'] = basicDateUtc(deps.now());
    if (credentials.securityToken && !credentials.securityToken.isEmpty) {
      h['x-security-token'] = credentials.securityToken.reveal(); // temporary AK/SK
    }
    // Every header present now is signed (content-type, x-repo-auth, x-project-id … set by the adapter).
    h.authorization = sdkHmacSign({
      method: request.method,
      url: request.url,
      headers: h,
      body: request.body,
      accessKey: credentials.accessKey,
      secretKey: credentials.secretKey.reveal(),
    }).authorization;
  };
  return {
    name: 'huawei-aksk',
    authorize: async (request) => sign(request),
    preview: sign, // offline, so the preview is the real signature (printed masked)
    secrets: () =>
      [credentials.secretKey, credentials.securityToken].map((s) => s?.reveal() ?? '').filter((v) => v !== ''),
  };
}

// ---- server side (emulator) -------------------------------------------------------------------

const PREFIX = 'Incorrect IAM authentication information';
const apig = (detail: string): SignatureCheck => ({
  ok: false,
  status: 401,
  code: 'APIG.0301',
  message: `${PREFIX}: ${detail}`,
});
const SIGNATURE_FAIL = apig('verify aksk signature fail');

const BASIC_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function parseBasicDate(value: string | undefined): Date | undefined {
  const m = value === undefined ? null : BASIC_DATE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/**
 * Echo the AK only when it looks like one (Huawei AKs are upper-case alphanumerics; SKs are mixed
 * case), so neither a hostile header value nor an SK pasted into the AK field is ever reflected.
 */
const printableAk = (ak: string): string => (/^[A-Z0-9]{1,64}$/.test(ak) ? ak : '(not shown)');

export function verifyHuaweiRequest(
  req: ReceivedRequest,
  lookupSecret: (accessKey: string) => string | undefined,
  now: Date,
): SignatureCheck {
  const headers = lowerCaseHeaders(req.headers);
  const authorization = headers.get('authorization') ?? '';
  if (!authorization.startsWith(`${ALGORITHM} `)) return SIGNATURE_FAIL;
  const fields = parseAuthFields(authorization.slice(ALGORITHM.length + 1));
  const accessKey = fields.get('Access');
  const signedList = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKey || !signedList || !signature) return SIGNATURE_FAIL;

  const secret = lookupSecret(accessKey);
  if (secret === undefined) return apig(`ak ${printableAk(accessKey)} not found`);

  const names = signedList.split(';').map((n) => n.trim().toLowerCase());
  if (!names.includes('x-sdk-date')) return SIGNATURE_FAIL;
  const skew = skewMs(parseBasicDate(headers.get('x-sdk-date')), now);
  if (skew === undefined) return apig('x-sdk-date is missing or not in YYYYMMDDTHHMMSSZ format');
  if (skew > MAX_CLOCK_SKEW_MS) {
    return apig('the request time (x-sdk-date) differs from the server time by more than 15 minutes');
  }

  // A declared body hash must describe the body actually received (UNSIGNED-PAYLOAD opts out).
  const declared = headers.get('x-sdk-content-sha256');
  if (declared !== undefined && declared !== UNSIGNED_PAYLOAD && declared !== sha256Hex(req.body)) {
    return SIGNATURE_FAIL;
  }

  const expected = sdkHmacSign({
    method: req.method,
    url: req.url,
    headers: Object.fromEntries(headers),
    body: req.body,
    accessKey,
    secretKey: secret,
    signedHeaderNames: names,
  });
  return constantTimeEqual(expected.signature, signature) ? { ok: true, accessKeyId: accessKey } : SIGNATURE_FAIL;
}
