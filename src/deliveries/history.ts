/**
 * Delivery history in one shape for every provider (`hookctl hooks deliveries`). What exists
 * differs by provider (research-fleet §2): a full delivery log with request and response, only the
 * last result kept on the hook, or nothing (then the adapter has no `deliveries`). Each adapter
 * fetches and maps its own wire shapes (next to it, in its provider folder) into these records.
 */
export interface DeliveryQuery {
  /** Only deliveries at or after this time. */
  since?: Date | undefined;
  failed?: boolean | undefined;
  /** At most this many (newest first). */
  limit?: number | undefined;
}

export interface DeliveryRecord {
  /** The provider's log id, where it keeps a delivery log; absent otherwise. */
  id?: string | undefined;
  time?: string | undefined;
  /** `200`, `internal error`, `ok`, `error`, `never`. */
  status: string;
  ok: boolean | undefined;
  durationMs?: number | undefined;
  trigger?: string | undefined;
  url?: string | undefined;
  uuid?: string | undefined;
  repository?: string | undefined;
}

export interface DeliveryDetail extends DeliveryRecord {
  requestHeaders: Record<string, unknown>;
  requestBody: unknown;
  responseHeaders: Record<string, unknown>;
  responseBody: unknown;
}

/** Applies --since / --failed where the provider cannot (it keeps no filterable log, or as a client-side check). */
export function filterRecords(records: readonly DeliveryRecord[], query: DeliveryQuery): DeliveryRecord[] {
  return records.filter((r) => {
    if (query.failed && r.ok !== false) return false;
    if (query.since && r.time !== undefined) {
      const at = Date.parse(r.time.includes('T') ? r.time : r.time.replace(' ', 'T'));
      if (!Number.isNaN(at) && at < query.since.getTime()) return false;
    }
    return true;
  });
}

/** `30m`, `24h`, `7d`, `90s` → milliseconds; undefined when unreadable. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,6})(s|m|h|d)$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
