/**
 * What the emulator's two signature verifiers (verify-alibaba.ts, verify-huawei.ts) share: the
 * outcome type, the `Key=Value, …` Authorization parser, the clock-skew rule and a constant-time
 * comparison. Server-side only; the signing itself is src/http/auth/signing.ts.
 */
import { timingSafeEqual } from 'node:crypto';

/** Outcome of a server-side signature check (the gateway modules turn a failure into an error response). */
export type SignatureCheck = { ok: true; accessKeyId: string } | { ok: false; status: number; code: string; message: string };

/** Splits the `Key=Value, Key=Value` tail of an Authorization header (both vendors use it). */
export function parseAuthFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return fields;
}

/** Milliseconds between a request timestamp and the server clock, or undefined when unparseable. */
export function skewMs(timestamp: Date | undefined, now: Date): number | undefined {
  if (timestamp === undefined || Number.isNaN(timestamp.getTime())) return undefined;
  return Math.abs(timestamp.getTime() - now.getTime());
}

/** Both gateways allow 15 minutes of clock difference. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Constant-time string comparison, so a verifier does not leak how many leading characters matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
