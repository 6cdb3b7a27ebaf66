import { z } from 'zod';
import type { DeliveryStatus } from '../../model/hook.js';

/**
 * Codeup's only delivery information: the last test result on each hook, `LastTestResult` (v3
 * 2020-04-14) / `lastTestResult` (devops 2021-06-25, and read from Yunxiao answers should they
 * carry it, though its WebHook docs list no such field). Documented values `ok`, `error` and ""
 * (never run); research-fleet §2b, ../shared/providers/discovery-and-deliveries.md B2.
 */

/** The longest value read: the documented ones are a few characters; anything longer is not one of them. */
const MAX_LAST_TEST_RESULT = 64;

/**
 * The wire field, for both adapters' hook schemas. Untrusted: a value that is not a short string
 * reads as absent (status unknown) rather than failing the whole hook list.
 */
export const LastTestResultSchema = z.string().max(MAX_LAST_TEST_RESULT).nullish().catch(undefined);

/**
 * The normalized delivery status, or undefined when there is none to report (never tested, or a
 * value Codeup does not document). `error` is failing; whether it reflects only the console's
 * "test" button or real deliveries as well is not stated by Codeup.
 */
export function codeupDeliveryStatus(lastTestResult: string | null | undefined): DeliveryStatus | undefined {
  const value = (lastTestResult ?? '').trim().toLowerCase();
  if (value === 'error') return { state: 'failing', detail: 'last test result: error' };
  if (value === 'ok') return { state: 'ok', detail: 'last test result: ok' };
  return undefined;
}
