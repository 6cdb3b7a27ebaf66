/**
 * The AuthStep Codeup OpenAPI v3 uses by default: the legacy ROA "acs" HMAC-SHA1 signature, with
 * the headers, header order and query encoding of the official client (@alicloud/codeup20200414
 * pins signatureAlgorithm "v2", so @alicloud/openapi-client 0.4.15 doROARequest signs every call;
 * codeup-v3/facts.ts `signature`). The signature itself is the pure `roaSign` in signing.ts; this
 * step adds clock, nonce and credentials around it.
 */

import type { Secret } from '../../model/secret.js';
import type { AuthStep, HttpRequest } from '../types.js';
import type { AlibabaCredentials } from './alibaba-sign.js';
import { querystringEncoding, ROA_SIGNATURE_METHOD, ROA_SIGNATURE_VERSION, roaSign } from './signing.js';

/** What @alicloud/credentials reports as providerName for a static key pair and an STS triple; the client sends it signed. */
export const CREDENTIALS_PROVIDER = { accessKey: 'static_ak', sts: 'static_sts' } as const;

const present = (secret: Secret | undefined): secret is Secret => secret !== undefined && !secret.isEmpty;

export function createAlibabaRoaAuth(credentials: AlibabaCredentials, deps: { now: () => Date; nonce: () => string }): AuthStep {
  const sign = (request: HttpRequest): void => {
    querystringEncoding(request.url);
    const { accept, 'x-acs-version': version, 'x-acs-action': action, host: _host, ...rest } = request.headers;
    const sts = present(credentials.securityToken);
    // The official client's order (doROARequest): fixed headers, then the caller's, then credentials.
    const headers: Record<string, string> = {
      date: deps.now().toUTCString(),
      host: request.url.host,
      accept: accept ?? 'application/json',
      'x-acs-signature-nonce': deps.nonce(),
      'x-acs-signature-method': ROA_SIGNATURE_METHOD,
      'x-acs-signature-version': ROA_SIGNATURE_VERSION,
      ...(version === undefined ? {} : { 'x-acs-version': version }),
      ...(action === undefined ? {} : { 'x-acs-action': action }),
      ...rest,
      'x-acs-credentials-provider': sts ? CREDENTIALS_PROVIDER.sts : CREDENTIALS_PROVIDER.accessKey,
    };
    if (sts) {
      headers['x-acs-accesskey-id'] = credentials.accessKeyId;
      headers['x-acs-security-token'] = credentials.securityToken?.reveal() ?? '';
    }
    const { signature } = roaSign({ method: request.method, url: request.url, headers, accessKeySecret: credentials.accessKeySecret.reveal() });
    headers.authorization = `acs ${credentials.accessKeyId}:${signature}`;
    request.headers = headers;
  };
  return {
    name: 'alibaba-roa',
    authorize: async (request) => sign(request),
    preview: sign, // signing is offline, so a preview is the real thing (printed masked)
    secrets: () => [credentials.accessKeySecret, credentials.securityToken].map((s) => s?.reveal() ?? '').filter((v) => v !== ''),
  };
}
