/**
 * The delivery facts of every provider in the registry, for callers that name a provider by id
 * (hooks test, listen, tests): each definition's `delivery` fed to the generic code in deliveries/.
 */
import type { DeliveryEvent } from '../deliveries/facts.js';
import { formatOf } from '../deliveries/facts.js';
import { buildSample, type SampleDelivery, type SampleOptions, wireFormat } from '../deliveries/samples.js';
import {
  type DeliverySummary,
  detectFrom,
  eventHeadersOf,
  type HeaderMap,
  summarizeWith,
  type VerifyOptions,
  type VerifyResult,
  verifyFrom,
} from '../deliveries/verify.js';
import type { ProviderId } from '../model/target.js';
import { definitionOf, PROVIDERS } from './registry.js';

export { DELIVERY_STYLES, DELIVERY_TOKEN_TYPES } from './catalog.js';

export interface ProviderSampleOptions extends SampleOptions {
  provider: ProviderId;
  /** Where the hook picks its token header (`token_type`): that header. */
  tokenHeader?: string | undefined;
  /** Where the provider delivers in more than one format: which (default its first). */
  style?: string | undefined;
  event: DeliveryEvent;
}

/** A sample delivery as `provider` sends it. */
export function sampleDelivery(options: ProviderSampleOptions): SampleDelivery {
  const profile = definitionOf(options.provider).delivery;
  if (!profile) throw new Error(`provider ${options.provider} declares no delivery format`);
  return buildSample(wireFormat(formatOf(profile, options.style), options.tokenHeader), options);
}

export function detectProvider(headers: HeaderMap): ProviderId | undefined {
  return detectFrom(PROVIDERS, headers);
}

export function verifyDelivery(headers: HeaderMap, body: Uint8Array, options: VerifyOptions): VerifyResult {
  return verifyFrom(PROVIDERS, headers, body, options);
}

const EVENT_HEADERS = eventHeadersOf(PROVIDERS);

export function summarize(headers: HeaderMap, body: Uint8Array): DeliverySummary {
  return summarizeWith(EVENT_HEADERS, headers, body);
}
