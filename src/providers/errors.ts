import { AuthError, describeProviderError, NotFoundError, ProviderError, type ProviderErrorInfo } from '../errors.js';
import type { HttpResponse } from '../http/types.js';

/**
 * Turns an error answer into the typed error that decides the exit code: 401/403 → AuthError,
 * 404 → NotFoundError, anything else → ProviderError. Adapters call this after reading their own
 * error body, and may pass `kind` when a code says more than the status (e.g. a refused
 * signature that arrives as HTTP 400).
 */
export function providerError(info: ProviderErrorInfo, kind?: 'auth' | 'not_found' | 'other', hint?: string): Error {
  const resolved = kind ?? (info.status === 401 || info.status === 403 ? 'auth' : info.status === 404 ? 'not_found' : 'other');
  const message = describeProviderError(info);
  if (resolved === 'auth') return new AuthError(message, { hint: hint ?? 'check the credentials and their permissions (hookctl auth status)' });
  if (resolved === 'not_found') return new NotFoundError(message, { hint });
  return new ProviderError(info, { hint });
}

const decoder = new TextDecoder();

export function bodyText(res: HttpResponse): string {
  return decoder.decode(res.body);
}

/**
 * Parses a JSON body; a body that is not JSON is a provider error naming the provider and request id.
 * The details hold the whole body: cutting it here could cut an echoed secret in two, and a half
 * secret no longer matches the redactor. The reporter shortens it after scrubbing.
 */
export function parseJsonBody(res: HttpResponse, provider: string, requestId?: string): unknown {
  const text = bodyText(res);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw notJson(res, provider, requestId, text);
  }
}

/**
 * For answers whose body is otherwise ignored (a 204 delete): an HTML page with a 2xx status came
 * from a proxy or a login portal, not the API, and must never count as success.
 */
export function rejectHtml(res: HttpResponse, provider: string, requestId?: string): void {
  if (/\btext\/html\b/i.test(res.headers['content-type'] ?? '')) throw notJson(res, provider, requestId, bodyText(res));
}

function notJson(res: HttpResponse, provider: string, requestId: string | undefined, text: string): ProviderError {
  return new ProviderError(
    { provider, status: res.status, requestId },
    { message: `${provider} answered HTTP ${res.status} with a body that is not JSON${requestId ? ` (request id ${requestId})` : ''}`, details: text },
  );
}

/** For error bodies: JSON when it parses, otherwise undefined (some documented bodies are invalid JSON). */
export function tryJson(res: HttpResponse): unknown {
  try {
    return JSON.parse(bodyText(res)) as unknown;
  } catch {
    return undefined;
  }
}

/** A response that parsed as JSON but is not the documented shape. */
export function unexpectedShape(provider: string, status: number, issue: string, requestId?: string): ProviderError {
  return new ProviderError(
    { provider, status, requestId },
    { message: `${provider} answered HTTP ${status} with an unexpected body: ${issue}${requestId ? ` (request id ${requestId})` : ''}` },
  );
}
