/**
 * What the caller knows about a hook's recent deliveries, in one shape for every provider, so the
 * `delivery-failing` rule reads one field. Built by the functions below from what each provider
 * offers (provider facts: discovery-and-deliveries.md §B):
 * - Codeup (v3 and Yunxiao OpenAPI): only `LastTestResult` on each hook: `ok`, `error` or `""`.
 * - CodeArts v4: the delivery logs API; each log has `response_status`, the HTTP code as a string or
 *   `internal error` when the receiver did not answer.
 * - ServiceStage: nothing: no status is given and the rule stays silent.
 */
export interface DeliveryStatus {
  /** `unknown`: no delivery information (none yet, or none offered); the rule does not fire. */
  state: 'ok' | 'failing' | 'unknown';
  /** One line of evidence for the finding, without secrets: "last test result: error". */
  detail: string;
}

/** Codeup `LastTestResult` / `lastTestResult`. */
export function codeupDeliveryStatus(lastTestResult: string | null | undefined): DeliveryStatus {
  const value = (lastTestResult ?? '').trim().toLowerCase();
  if (value === 'error') return { state: 'failing', detail: 'last test result: error' };
  if (value === 'ok') return { state: 'ok', detail: 'last test result: ok' };
  return { state: 'unknown', detail: 'no test result' };
}

/** One CodeArts delivery log, as much of it as the status needs. */
export interface CodeArtsDeliveryLog {
  response_status?: string | number | null;
  created_at?: string | null;
}

/** A CodeArts `response_status` that says the delivery worked: an HTTP 2xx code. */
export function isDeliveredStatus(status: string | number | null | undefined): boolean {
  const text = String(status ?? '').trim();
  return /^2[0-9]{2}$/.test(text);
}

/**
 * CodeArts delivery logs (any order) → status. Failing when the most recent delivery failed (a
 * non-2xx status or `internal error`): a hook that failed once and then recovered is fine, one
 * whose receiver is down right now is not. The detail counts the failures among the logs given.
 */
export function codeartsDeliveryStatus(logs: readonly CodeArtsDeliveryLog[]): DeliveryStatus {
  if (logs.length === 0) return { state: 'unknown', detail: 'no deliveries logged' };
  // Newest first; logs without a time keep their order after the dated ones (the API lists newest first).
  const dated = logs.map((log, index) => ({ log, index, time: Date.parse(log.created_at ?? '') }));
  dated.sort((a, b) => {
    const at = Number.isNaN(a.time) ? Number.NEGATIVE_INFINITY : a.time;
    const bt = Number.isNaN(b.time) ? Number.NEGATIVE_INFINITY : b.time;
    return bt === at ? a.index - b.index : bt - at;
  });
  const latest = dated[0]?.log;
  const failed = logs.filter((log) => !isDeliveredStatus(log.response_status)).length;
  const shown = String(latest?.response_status ?? 'no status').slice(0, 40);
  const counts = `${failed} of the last ${logs.length} deliveries failed`;
  return isDeliveredStatus(latest?.response_status)
    ? { state: 'ok', detail: `last delivery: ${shown}; ${counts}` }
    : { state: 'failing', detail: `last delivery: ${shown}; ${counts}` };
}
