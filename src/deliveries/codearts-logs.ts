/**
 * The CodeArts delivery-log walk, written once for group and repository hooks (research-fleet §2a):
 * `GET <hookPath>/logs?offset&limit&created_after` (newest first, `X-Total`), and
 * `GET <hookPath>/logs/<logId>`. The adapter supplies the two calls (auth, errors and shape checks
 * are its business); this module does the paging, the time format and the mapping.
 */
import {
  codeartsTime,
  type DeliveryDetail,
  type DeliveryQuery,
  type DeliveryRecord,
  filterRecords,
  fromCodeartsLog,
  fromCodeartsLogDetail,
} from './history.js';

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
    const params: Record<string, string | number> = { offset, limit: PAGE };
    // The Node SDK would send a Date as an empty string: the format is ours (UTC, seconds, Z).
    if (query.since) params.created_after = codeartsTime(query.since);
    const page = await getPage(`${hookPath}/logs`, params);
    records.push(...page.map(fromCodeartsLog));
    offset += page.length;
    if (page.length < PAGE) break;
  }
  return filterRecords(records, query).slice(0, limit);
}

export async function showCodeartsLog(getOne: LogOne, hookPath: string, logId: string): Promise<DeliveryDetail> {
  return fromCodeartsLogDetail(await getOne(`${hookPath}/logs/${encodeURIComponent(logId)}`));
}
