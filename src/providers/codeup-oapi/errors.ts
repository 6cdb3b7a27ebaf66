import type { HttpResponse } from '../../http/types.js';
import { providerError, tryJson } from '../errors.js';
import { CODEUP_OAPI } from './facts.js';
import { OapiErrorSchema } from './wire.js';

const AUTH_CODES: readonly string[] = CODEUP_OAPI.authCodes;
const NOT_MEMBER_CODES: readonly string[] = CODEUP_OAPI.notMemberCodes;
const TOKEN_HINT = `check the Yunxiao personal access token in ${CODEUP_OAPI.tokenVariables.join(' or ')} (it looks like pt-…)`;

/**
 * A Yunxiao OpenAPI error answer → typed error: 401/403 (or a token error code) → AuthError,
 * 404 → NotFoundError, anything else → ProviderError with the code, the message and the
 * x-request-id header.
 */
export function oapiError(res: HttpResponse): Error {
  const parsed = OapiErrorSchema.safeParse(tryJson(res));
  const body = parsed.success ? parsed.data : undefined;
  const code = body?.errorCode ?? undefined;
  const info = {
    provider: CODEUP_OAPI.label,
    status: res.status,
    providerCode: code,
    providerMessage: joinMessage(body?.errorMessage, body?.errorDescription),
    requestId: res.headers[CODEUP_OAPI.requestIdHeader] ?? body?.requestId ?? undefined,
  };
  if (code && NOT_MEMBER_CODES.includes(code)) {
    return providerError(info, 'auth', "the token's user is not a member of this organization: check the organization id in the target");
  }
  if (code === 'ExpiredTokenError')
    return providerError(info, 'auth', `the token has expired: create a new one and set it in ${CODEUP_OAPI.tokenVariables[0]}`);
  if ((code && AUTH_CODES.includes(code)) || res.status === 401) return providerError(info, 'auth', TOKEN_HINT);
  if (res.status === 403) return providerError(info, 'auth', "the token was accepted, but its user may not manage this repository's webhooks");
  return providerError(info);
}

/** errorDescription, when sent, says more than errorMessage: both are kept, once each. */
function joinMessage(message: string | null | undefined, description: string | null | undefined): string | undefined {
  if (!message) return description ?? undefined;
  return description && description !== message ? `${message}: ${description}` : message;
}
