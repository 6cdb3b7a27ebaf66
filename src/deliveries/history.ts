/**
 * Delivery history in one shape for every provider (`hookctl hooks deliveries`). What exists:
 * - CodeArts v4: delivery-log APIs per hook (list + show with request/response, token masked);
 *   research-fleet §2a. `execution_duration` is in seconds; `response_status` is the HTTP code as
 *   text or `internal error`.
 * - Codeup: only `LastTestResult` (`ok` / `error` / ``) on the hook; research-fleet §2b.
 * - Providers that keep no history: nothing (their adapters have no `deliveries`).
 * The adapters fetch; the mapping from wire shapes lives here so it is written once.
 */
export interface DeliveryQuery {
  /** Only deliveries at or after this time. */
  since?: Date | undefined;
  failed?: boolean | undefined;
  /** At most this many (newest first). */
  limit?: number | undefined;
}

export interface DeliveryRecord {
  /** The provider's log id (CodeArts); absent when the provider keeps no log (Codeup). */
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

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** `created_after` / `created_before` as CodeArts takes them: UTC `yyyy-MM-ddTHH:mm:ssZ` (the Node SDK would send an empty string). */
export function codeartsTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** A CodeArts WebhookLogDto (or the show answer) → a record. */
export function fromCodeartsLog(log: Record<string, unknown>): DeliveryRecord {
  const status = str(log.response_status) ?? 'unknown';
  const seconds = typeof log.execution_duration === 'number' ? log.execution_duration : undefined;
  const repo = log.repository as { namespace?: unknown; id?: unknown } | undefined;
  return {
    id: str(log.id),
    time: str(log.created_at),
    status,
    ok: /^2\d\d$/.test(status.trim()),
    durationMs: seconds === undefined ? undefined : Math.round(seconds * 1000),
    trigger: str(log.trigger),
    url: str(log.url),
    uuid: str(log.uuid),
    repository: repo ? (str(repo.namespace) ?? str(repo.id)) : undefined,
  };
}

export function fromCodeartsLogDetail(log: Record<string, unknown>): DeliveryDetail {
  const objectOr = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  return {
    ...fromCodeartsLog(log),
    requestHeaders: objectOr(log.request_headers),
    requestBody: log.request_data,
    responseHeaders: objectOr(log.response_headers),
    responseBody: log.response_body,
  };
}

/** Codeup keeps one result per hook. */
export function fromCodeupLastTestResult(value: string | null | undefined): DeliveryRecord[] {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'ok') return [{ status: 'ok', ok: true }];
  if (v === 'error') return [{ status: 'error', ok: false }];
  return [];
}

/** Applies --since / --failed where the provider cannot (Codeup, or a client-side check). */
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
