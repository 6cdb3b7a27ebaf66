import type { HttpResponse } from '../../http/types.js';
import { bodyText, providerError } from '../errors.js';

/**
 * Huawei Cloud error bodies (the Huawei Cloud services hookctl calls, and the APIG gateway in
 * front of them). Three shapes are documented: `{error_code, error_msg[, request_id]}`,
 * `{code, message}` and, on some regional service pages, `{errorCode, errorMessage}`. Some doc
 * examples even omit the comma between the two fields, so fields are also picked out of invalid
 * JSON. Source: the error-code sections of the Huawei providers' notes (../shared/providers/).
 */
export function huaweiError(res: HttpResponse, provider: string, notFoundCodes: readonly string[] = []): Error {
  const text = bodyText(res);
  // Parsed once: an error body can be tens of megabytes.
  const parsed = parseOrUndefined(text);
  const code = pick(text, parsed, ['error_code', 'errorCode', 'code']);
  const message = pick(text, parsed, ['error_msg', 'errorMessage', 'message']);
  const requestId = pick(text, parsed, ['request_id']) ?? res.headers['x-request-id'];
  const info = { provider, status: res.status, providerCode: code, providerMessage: message, requestId };
  if (res.status === 401 || code === 'APIG.0301') {
    const refusedSignature = message?.includes('signature') ?? false;
    return providerError(
      info,
      'auth',
      refusedSignature ? 'the AK/SK signature was refused: check HUAWEICLOUD_SDK_SK (no retry: Huawei locks a key after 5 bad signatures)' : undefined,
    );
  }
  if (code && notFoundCodes.includes(code)) return providerError(info, 'not_found');
  return providerError(info);
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function pick(text: string, parsed: unknown, keys: string[]): string | undefined {
  for (const key of keys) {
    if (parsed && typeof parsed === 'object') {
      const value = (parsed as Record<string, unknown>)[key];
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    } else {
      const match = new RegExp(`"${key}"\\s*:\\s*"([^"]*)"`).exec(text);
      if (match?.[1] !== undefined) return match[1];
    }
  }
  return undefined;
}
