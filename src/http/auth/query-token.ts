/**
 * Credentials carried as a URL query parameter, e.g. Codeup v3's `AccessToken`. It must run before
 * any signing step, because the signature covers the final query string. The parameter goes first,
 * where the official Codeup client puts it (its generated operations add AccessToken first).
 */

import type { Secret } from '../../model/secret.js';
import type { AuthStep, HttpRequest } from '../types.js';

export function createQueryTokenAuth(param: string, token: Secret, label: string): AuthStep {
  const apply = (request: HttpRequest): void => {
    const rest = [...request.url.searchParams].filter(([name]) => name !== param);
    request.url.search = new URLSearchParams([[param, token.reveal()], ...rest]).toString();
  };
  return {
    name: label,
    authorize: async (request) => apply(request),
    preview: apply, // the URL is printed with secrets() scrubbed
    secrets: () => (token.isEmpty ? [] : [token.reveal()]),
  };
}
