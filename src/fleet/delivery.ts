/**
 * A hook's delivery status, in one shape for every provider, so the `delivery-failing` rule reads
 * one field (model/hook.ts DeliveryStatus). Where it comes from is each provider's business:
 * - a provider whose hook listing carries a result maps it into `Hook.delivery` in its own folder;
 * - a provider with a per-hook delivery log answers `HookService.deliveries`, and the records it
 *   returns (already mapped to `ok` / not ok by the adapter) are judged here;
 * - a provider with neither gives no status, and the rule stays silent.
 */
import { type DeliveryStatus, MAX_DELIVERY_DETAIL_LENGTH } from '../model/hook.js';

export type { DeliveryStatus };

/** How many of the newest logged deliveries the audit reads per hook (one request). */
export const AUDIT_DELIVERY_WINDOW = 20;

/** One logged delivery, as much of it as the status needs (a DeliveryRecord is one). */
export interface LoggedDelivery {
  /** The outcome as the provider words it: an HTTP code, `internal error`… */
  status: string;
  /** Whether it was delivered; undefined when the provider does not say. */
  ok: boolean | undefined;
  time?: string | undefined;
}

const STATUS_SHOWN = 40;

/** A time as the provider wrote it; `yyyy-MM-dd HH:mm:ss` read as ISO. NaN when unreadable. */
function timeOf(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  return Date.parse(/^\d{4}-\d\d-\d\d \d/.test(text) ? text.replace(' ', 'T') : text);
}

/**
 * Logged deliveries (any order) → status. Failing when the most recent delivery failed: a hook
 * that failed once and then recovered is fine, one whose receiver is down right now is not. The
 * detail counts the failures among the deliveries given. A newest delivery whose outcome is not
 * known (`ok` undefined) gives `unknown`: no finding is invented.
 */
export function deliveryStatusFromLog(deliveries: readonly LoggedDelivery[]): DeliveryStatus {
  if (deliveries.length === 0) return { state: 'unknown', detail: 'no deliveries logged' };
  // Newest first; deliveries without a readable time keep their order after the dated ones (logs list newest first).
  const dated = deliveries.map((delivery, index) => ({ delivery, index, time: timeOf(delivery.time) }));
  dated.sort((a, b) => {
    const at = Number.isNaN(a.time) ? Number.NEGATIVE_INFINITY : a.time;
    const bt = Number.isNaN(b.time) ? Number.NEGATIVE_INFINITY : b.time;
    return bt === at ? a.index - b.index : bt - at;
  });
  const latest = dated[0]?.delivery;
  const failed = deliveries.filter((d) => d.ok === false).length;
  const shown =
    (latest?.status ?? '')
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .trim()
      .slice(0, STATUS_SHOWN) || 'no status';
  const detail = `last delivery: ${shown}; ${failed} of the last ${deliveries.length} deliveries failed`.slice(0, MAX_DELIVERY_DETAIL_LENGTH);
  if (latest?.ok === true) return { state: 'ok', detail };
  if (latest?.ok === false) return { state: 'failing', detail };
  return { state: 'unknown', detail };
}
