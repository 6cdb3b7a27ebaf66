/**
 * The Huawei API gateway (APIG) in front of CodeArts Repo and ServiceStage: an IAM token in
 * `X-Auth-Token`, or an `SDK-HMAC-SHA256` AK/SK signature, with the AK lockout (codearts.md §3, §4).
 */
import type { EmulatorContext, EmulatorRequest } from './http.js';
import { huaweiRequestId, json } from './http.js';
import { verifyHuaweiRequest } from './verify-huawei.js';

/** APIG authentication failures: code and message prefix from codearts.md §3 (doc apig_faq-0003). */
export const APIG_AUTH_CODE = 'APIG.0301';
const AUTH_PREFIX = 'Incorrect IAM authentication information';

/** codearts.md §3 "AK lockout [C]": more than 5 consecutive failures lock the AK for 5 minutes. */
export const AK_LOCKOUT = { maxConsecutiveFailures: 5, lockMs: 5 * 60_000 } as const;

/** `{error_code, error_msg, request_id}`: the gateway's error body (codearts.md §3). */
export function apigError(status: number, code: string, message: string): Response {
  const requestId = huaweiRequestId();
  return json(status, { error_code: code, error_msg: message, request_id: requestId }, { 'x-request-id': requestId });
}

/** Huawei IAM prints times with microseconds, e.g. `2020-01-05T05:05:05.601000Z` (codearts.md §4a). */
export function iamTime(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000Z`;
}

/** Returns a refusal, or undefined when the request is authenticated. */
export function checkHuaweiAuth(request: EmulatorRequest, ctx: EmulatorContext): Response | undefined {
  const token = request.headers['x-auth-token'];
  if (token !== undefined && token !== '') return checkToken(token, ctx);
  const authorization = request.headers.authorization ?? '';
  if (authorization.startsWith('SDK-HMAC-SHA256')) return checkSignature(request, authorization, ctx);
  return apigError(401, APIG_AUTH_CODE, `${AUTH_PREFIX}: x-auth-token not found`);
}

function checkToken(token: string, ctx: EmulatorContext): Response | undefined {
  if (token === ctx.credentials.huawei.iamToken) return undefined;
  const issued = ctx.store.iamTokens.get(token);
  if (!issued) return apigError(401, APIG_AUTH_CODE, `${AUTH_PREFIX}: decrypt token fail`);
  const expiresAt = new Date(issued.expiresAt);
  if (ctx.now().getTime() >= expiresAt.getTime()) {
    return apigError(401, APIG_AUTH_CODE, `${AUTH_PREFIX}: token expires, expires_at: ${iamTime(expiresAt)}`);
  }
  return undefined;
}

function checkSignature(request: EmulatorRequest, authorization: string, ctx: EmulatorContext): Response | undefined {
  const accessKey = /Access=([^,\s]+)/.exec(authorization)?.[1] ?? '';
  const now = ctx.now();
  const failures = ctx.store.akFailures;
  const state = failures.get(accessKey);
  if (state?.lockedUntil !== undefined) {
    if (now.getTime() < Date.parse(state.lockedUntil)) return locked(state.lockedUntil);
    failures.delete(accessKey);
  }
  const { huawei } = ctx.credentials;
  const lookup = (ak: string): string | undefined => (ak === huawei.accessKey ? huawei.secretKey : undefined);
  const check = verifyHuaweiRequest(request, lookup, now);
  if (check.ok) {
    failures.delete(accessKey);
    return undefined;
  }
  const consecutiveFailures = (failures.get(accessKey)?.consecutiveFailures ?? 0) + 1;
  if (consecutiveFailures > AK_LOCKOUT.maxConsecutiveFailures) {
    const lockedUntil = new Date(now.getTime() + AK_LOCKOUT.lockMs).toISOString();
    failures.set(accessKey, { consecutiveFailures, lockedUntil });
    return locked(lockedUntil);
  }
  failures.set(accessKey, { consecutiveFailures });
  return apigError(check.status, check.code, check.message);
}

function locked(lockedUntil: string): Response {
  // [I] The lockout is documented, its exact message is not; this one names the cause and the wait.
  return apigError(401, APIG_AUTH_CODE, `${AUTH_PREFIX}: the access key is locked after too many authentication failures, retry after ${lockedUntil}`);
}
