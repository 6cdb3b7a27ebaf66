/**
 * The Huawei APIG AK/SK signature check, as the emulator runs it (codearts.md §3, §4b): the
 * SDK-HMAC-SHA256 signature is recomputed with the production `sdkHmacSign` and compared in
 * constant time. The AK lockout around it lives in huawei-gateway.ts.
 */
import { lowerCaseHeaders, SDK_HMAC_ALGORITHM, sdkHmacSign, sha256Hex } from '../http/auth/signing.js';
import type { EmulatorRequest } from './http.js';
import { constantTimeEqual, MAX_CLOCK_SKEW_MS, parseAuthFields, type SignatureCheck, skewMs } from './verify-common.js';

const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
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

export function verifyHuaweiRequest(req: EmulatorRequest, lookupSecret: (accessKey: string) => string | undefined, now: Date): SignatureCheck {
  const headers = lowerCaseHeaders(req.headers);
  const authorization = headers.get('authorization') ?? '';
  if (!authorization.startsWith(`${SDK_HMAC_ALGORITHM} `)) return SIGNATURE_FAIL;
  const fields = parseAuthFields(authorization.slice(SDK_HMAC_ALGORITHM.length + 1));
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
