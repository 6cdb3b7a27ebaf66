/**
 * The CodeArts delivery-log walk, written once for group and repository hooks (research-fleet §2a):
 * `GET <hookPath>/logs?offset&limit&created_after` (newest first, `X-Total`), and
 * `GET <hookPath>/logs/<logId>`. The adapter supplies the two calls (auth, errors and shape checks
 * are its business); this module does the paging, the time format and the mapping. The log:
 * `execution_duration` is in seconds; `response_status` is the HTTP code as text or `internal error`.
 */
import { type DeliveryDetail, type DeliveryQuery, type DeliveryRecord, filterRecords } from '../../deliveries/history.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** `created_after` / `created_before` as CodeArts takes them: UTC `yyyy-MM-ddTHH:mm:ssZ` (the Node SDK would send an empty string). */
export function codeartsTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** A CodeArts WebhookLogDto (or the show answer) → a record. */
export function fromCodeartsLog(log: Record<string, unknown>): DeliveryRecord {
  const given = str(log.response_status);
  const status = given ?? 'unknown';
  const seconds = typeof log.execution_duration === 'number' ? log.execution_duration : undefined;
  const repo = log.repository as { namespace?: unknown; id?: unknown } | undefined;
  return {
    id: str(log.id),
    time: str(log.created_at),
    status,
    // No status given: the outcome is unknown, neither a success nor a failure.
    ok: given === undefined ? undefined : /^2\d\d$/.test(given.trim()),
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

export type LogPage = (path: string, query: Record<string, string | number>) => Promise<Record<string, unknown>[]>;
export type LogOne = (path: string) => Promise<Record<string, unknown>>;

/** CodeArts limit range 1–100 (docs). */
const PAGE = 100;
/** Without a --since, the newest this many. */
export const DEFAULT_DELIVERY_LIMIT = 100;

export async function listCodeartsLogs(getPage: LogPage, hookPath: string, query: DeliveryQuery): Promise<DeliveryRecord[]> {
  const limit = query.limit ?? DEFAULT_DELIVERY_LIMIT;
  const records: DeliveryRecord[] = [];
  for (let offset = 0; records.length < limit; ) {
    // No larger page than the records still wanted (an audit wants the newest 20, not 100).
    const pageSize = Math.min(PAGE, limit - records.length);
    const params: Record<string, string | number> = { offset, limit: pageSize };
    // The Node SDK would send a Date as an empty string: the format is ours (UTC, seconds, Z).
    if (query.since) params.created_after = codeartsTime(query.since);
    const page = await getPage(`${hookPath}/logs`, params);
    records.push(...page.map(fromCodeartsLog));
    offset += page.length;
    if (page.length < pageSize) break;
  }
  return filterRecords(records, query).slice(0, limit);
}

export async function showCodeartsLog(getOne: LogOne, hookPath: string, logId: string): Promise<DeliveryDetail> {
  return fromCodeartsLogDetail(await getOne(`${hookPath}/logs/${encodeURIComponent(logId)}`));
}
