/**
 * Builders for the Fetch Requests the emulator tests send: signed Codeup v3 calls, Huawei calls with
 * a token or an AK/SK signature, and a movable clock. Signing goes through the production signers.
 */

import { EMULATOR_CREDENTIALS as CREDS } from '../../../src/emulator/credentials.js';
import { acs3Sign, sdkHmacSign } from '../../../src/http/auth/signing.js';

export const BASE = 'http://emulator.test';
export const START = new Date('2024-01-02T03:04:05.000Z');

/** A clock tests can move forward. */
export function testClock(start: Date = START): { now: () => Date; advance(ms: number): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}

const encoder = new TextEncoder();

function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function basicDate(date: Date): string {
  return isoSeconds(date).replace(/[-:]/g, '');
}

export interface CodeupCall {
  action: string;
  query?: Record<string, string>;
  body?: unknown;
  now?: Date;
  version?: string;
  accessKeySecret?: string;
  /** Skip signing altogether. */
  unsigned?: boolean;
}

let nonce = 0;

/** A Codeup v3 request signed with ACS3-HMAC-SHA256 and the emulator's AK (unless overridden). */
export function codeupRequest(method: string, path: string, call: CodeupCall): Request {
  const url = new URL(path, BASE);
  for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
  const body = call.body === undefined ? undefined : encoder.encode(JSON.stringify(call.body));
  const headers: Record<string, string> = {
    host: url.host,
    accept: 'application/json',
    'x-acs-action': call.action,
    'x-acs-version': call.version ?? '2020-04-14',
    'x-acs-date': isoSeconds(call.now ?? START),
    'x-acs-signature-nonce': `nonce-${++nonce}`,
  };
  if (body) headers['content-type'] = 'application/json; charset=utf-8';
  if (!call.unsigned) {
    headers.authorization = acs3Sign({
      method,
      url,
      headers,
      body,
      accessKeyId: CREDS.alibaba.accessKeyId,
      accessKeySecret: call.accessKeySecret ?? CREDS.alibaba.accessKeySecret,
    }).authorization;
  }
  return new Request(url, { method, headers, body });
}

export type HuaweiAuth = { token: string } | { accessKey?: string; secretKey?: string; now?: Date } | { none: true };

/** A CodeArts/ServiceStage/IAM request, authenticated with a token or an AK/SK signature. */
export function huaweiRequest(method: string, path: string, options: { auth?: HuaweiAuth; body?: unknown; headers?: Record<string, string> } = {}): Request {
  const url = new URL(path, BASE);
  const body = options.body === undefined ? undefined : encoder.encode(JSON.stringify(options.body));
  const headers: Record<string, string> = { 'content-type': 'application/json;charset=utf8', ...options.headers };
  const auth = options.auth ?? { token: CREDS.huawei.iamToken };
  if ('token' in auth) {
    headers['x-auth-token'] = auth.token;
  } else if (!('none' in auth)) {
    headers.host = url.host;
    headers['x-sdk-date'] = basicDate(auth.now ?? START);
    headers.authorization = sdkHmacSign({
      method,
      url,
      headers,
      body,
      accessKey: auth.accessKey ?? CREDS.huawei.accessKey,
      secretKey: auth.secretKey ?? CREDS.huawei.secretKey,
    }).authorization;
  }
  return new Request(url, { method, headers, body });
}

/** The response body as JSON, typed loosely for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON
export async function bodyOf(response: Response): Promise<any> {
  return JSON.parse(await response.text());
}
