/**
 * Credentials that are one header: an IAM token (`x-auth-token`), a Yunxiao personal token
 * (`x-yunxiao-token`) and the like. The value is read from the Secret only here, on its way out.
 */

import type { Secret } from '../../model/secret.js';
import type { AuthStep, HttpRequest } from '../types.js';

export function createHeaderTokenAuth(name: string, token: Secret, label: string): AuthStep {
  const header = name.toLowerCase(); // HttpRequest header names are lower-case by contract
  const apply = (request: HttpRequest): void => {
    request.headers[header] = token.reveal();
  };
  return {
    name: label,
    authorize: async (request) => apply(request),
    preview: apply, // previews are printed masked through secrets(), so the real value is fine
    secrets: () => (token.isEmpty ? [] : [token.reveal()]),
  };
}
