/**
 * Codeup's `LastTestResult` wire field as a zod schema, for both adapters' hook schemas (their
 * wire.ts). Apart from delivery.ts so that the definition, which --help loads, loads no zod.
 */
import { z } from 'zod';
import { MAX_LAST_TEST_RESULT } from './delivery.js';

/**
 * Untrusted: a value that is not a short string reads as absent (status unknown) rather than
 * failing the whole hook list.
 */
export const LastTestResultSchema = z.string().max(MAX_LAST_TEST_RESULT).nullish().catch(undefined);
