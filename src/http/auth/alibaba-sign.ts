/**
 * The AuthStep hookctl uses against the Alibaba Cloud POP gateway: ACS3-HMAC-SHA256 (codeup.md §4a),
 * which covers method, path, query, headers and body. The signature itself is the pure `acs3Sign`
 * in signing.ts; this step adds clock, nonce and credentials around it. (The ROA v1 signature the
 * generated 2020-04-14 clients send is only ever checked, by the emulator: src/emulator/verify-alibaba.ts.)
 */

import type { Secret } from '../../model/secret.js';
import type { AuthStep, HttpRequest } from '../types.js';
import { acs3Sign, EMPTY_SHA256, isoSecondsUtc, normalizeQueryEncoding, sha256Hex } from './signing.js';

export interface AlibabaCredentials {
  accessKeyId: string;
  accessKeySecret: Secret;
  securityToken?: Secret | undefined;
}

export function createAlibabaAcs3Auth(credentials: AlibabaCredentials, deps: { now: () => Date; nonce: () => string }): AuthStep {
  const sign = (request: HttpRequest): void => {
    const h = request.headers;
    normalizeQueryEncoding(request.url);
    h.host = request.url.host;
    h['x-acs-date'] = isoSecondsUtc(deps.now());
    h['x-acs-signature-nonce'] = deps.nonce();
    h['x-acs-content-sha256'] = request.body ? sha256Hex(request.body) : EMPTY_SHA256;
    h.accept ??= 'application/json';
    if (credentials.securityToken && !credentials.securityToken.isEmpty) {
      h['x-acs-security-token'] = credentials.securityToken.reveal();
      h['x-acs-accesskey-id'] = credentials.accessKeyId;
    }
    // x-acs-action / x-acs-version were set by the adapter and are signed like every x-acs-* header.
    h.authorization = acs3Sign({
      method: request.method,
      url: request.url,
      headers: h,
      body: request.body,
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret.reveal(),
    }).authorization;
  };
  return {
    name: 'alibaba-acs3',
    authorize: async (request) => sign(request),
    preview: sign, // signing is offline, so a preview is the real thing (printed masked)
    secrets: () => [credentials.accessKeySecret, credentials.securityToken].map((s) => s?.reveal() ?? '').filter((v) => v !== ''),
  };
}
