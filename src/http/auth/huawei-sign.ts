/**
 * Huawei Cloud APIG "SDK-HMAC-SHA256" AK/SK signing as an AuthStep (docs: shared/providers/codearts.md
 * §4b, the same gateway for every Huawei API). Used for the Huawei providers when the user configures AK/SK
 * instead of an IAM token. The signature itself is the pure `sdkHmacSign` in signing.ts.
 */

import type { Secret } from '../../model/secret.js';
import type { AuthStep, HttpRequest } from '../types.js';
import { basicDateUtc, normalizeQueryEncoding, sdkHmacSign } from './signing.js';

export interface HuaweiAkskCredentials {
  accessKey: string;
  secretKey: Secret;
  securityToken?: Secret | undefined;
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
    secrets: () => [credentials.secretKey, credentials.securityToken].map((s) => s?.reveal() ?? '').filter((v) => v !== ''),
  };
}
