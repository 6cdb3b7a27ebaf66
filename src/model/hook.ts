import { z } from 'zod';
import { HookEventSchema } from './events.js';
import { Secret } from './secret.js';

/** Generic upper bounds; providers declare tighter ones in their capabilities. */
export const MAX_URL_LENGTH = 2048;
export const MAX_TEXT_LENGTH = 1000;

const isValidRegex = (pattern: string): boolean => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
};

export const HookUrlSchema = z
  .string()
  .max(MAX_URL_LENGTH, { message: `must be at most ${MAX_URL_LENGTH} characters` })
  // new URL() quietly strips these, so the URL sent would differ from the one asked for (and a CR/LF
  // could split a header or a log line on the way): refused rather than repaired.
  .refine((value) => !/[\u0000-\u001f\u007f-\u009f]/.test(value), { message: 'must not contain control characters (CR, LF, tab or other)' })
  .refine((value) => value.trim() === value, { message: 'must not start or end with spaces' })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { message: 'must be an absolute http(s) URL' },
  );

export const RegexSchema = z
  .string()
  .min(1, { message: 'must not be empty' })
  .max(500, { message: 'must be at most 500 characters' })
  .refine(isValidRegex, { message: 'must be a valid regular expression' });

export const SecretSchema = z.instanceof(Secret);

/** What the user asks for: the normalized hook spec (design §2). */
export const HookSpecSchema = z.strictObject({
  url: HookUrlSchema,
  name: z.string().min(1, { message: 'must not be empty' }).max(MAX_TEXT_LENGTH).optional(),
  description: z.string().max(MAX_TEXT_LENGTH).optional(),
  /** Omitted means the provider's default (push). */
  events: z
    .array(HookEventSchema)
    .min(1, { message: 'must name at least one event' })
    .refine((events) => new Set(events).size === events.length, { message: 'must not repeat an event' })
    .optional(),
  branchFilter: RegexSchema.optional(),
  noteFilters: z.array(RegexSchema).optional(),
  secret: SecretSchema.optional(),
  sslVerify: z.boolean().optional(),
});
export type HookSpec = z.infer<typeof HookSpecSchema>;

/** Longest delivery-status detail kept: it is built from untrusted provider text. */
export const MAX_DELIVERY_DETAIL_LENGTH = 200;

/**
 * What the provider says about a hook's recent deliveries, in one shape for every provider (the
 * audit's `delivery-failing` reads it). `unknown`: no delivery information (none yet, or none
 * offered); nothing is judged then. `detail` is one line of evidence, never a secret.
 */
export const DeliveryStatusSchema = z.strictObject({
  state: z.enum(['ok', 'failing', 'unknown']),
  detail: z.string().max(MAX_DELIVERY_DETAIL_LENGTH),
});
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

/** What a provider reports: a hook as it exists, mapped back into the normalized model. */
export const HookSchema = z.strictObject({
  id: z.string().min(1),
  url: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  events: z.array(HookEventSchema),
  branchFilter: z.string().optional(),
  noteFilters: z.array(z.string()).optional(),
  /** Present when the provider says a secret is set; always masked. */
  secret: SecretSchema.optional(),
  sslVerify: z.boolean().optional(),
  createdAt: z.string().optional(),
  /**
   * Where the listing itself carries a delivery status (Codeup's last test result). Not part of the
   * spec: never compared, exported or sent back. Providers with a delivery log leave it out; the
   * hook service reads the log when asked (HookService.deliveryStatus).
   */
  delivery: DeliveryStatusSchema.optional(),
});
export type Hook = z.infer<typeof HookSchema>;

/** Spec fields in the order they are printed and compared. */
export const SPEC_FIELDS = [
  'url',
  'name',
  'description',
  'events',
  'branchFilter',
  'noteFilters',
  'secret',
  'sslVerify',
] as const satisfies readonly (keyof HookSpec)[];
export type SpecField = (typeof SPEC_FIELDS)[number];

/**
 * The spec that describes an existing hook, for merging an update over it or recreating it.
 * A secret comes along only when its value is known; providers that never return it report an
 * empty Secret ("set, value unknown"), which is dropped here.
 */
export function specFromHook(hook: Hook): HookSpec {
  const spec: HookSpec = { url: hook.url, events: hook.events.length > 0 ? hook.events : undefined };
  if (hook.name !== undefined) spec.name = hook.name;
  if (hook.description !== undefined) spec.description = hook.description;
  if (hook.branchFilter !== undefined) spec.branchFilter = hook.branchFilter;
  if (hook.noteFilters !== undefined) spec.noteFilters = hook.noteFilters;
  if (hook.secret !== undefined && !hook.secret.isEmpty) spec.secret = hook.secret;
  if (hook.sslVerify !== undefined) spec.sslVerify = hook.sslVerify;
  return spec;
}
