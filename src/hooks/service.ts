import type { DeliveryDetail, DeliveryQuery, DeliveryRecord } from '../deliveries/history.js';
import { UsageError } from '../errors.js';
import { AUDIT_DELIVERY_WINDOW, deliveryStatusFromLog } from '../fleet/delivery.js';
import type { RequestPreview } from '../http/types.js';
import type { DeliveryStatus, Hook, HookSpec } from '../model/hook.js';
import type { Target } from '../model/target.js';
import type { Capabilities, Operation, Provider, UpdateIntent, UpdateResult } from '../providers/types.js';
import { refuseSecretLoss } from '../providers/update-secret.js';
import { checkSpec } from '../providers/validate.js';
import { findByUrl, type HookMatch } from './find.js';
import { replaceHook } from './replace.js';
import { withSafeWrites } from './safe-create.js';

/**
 * What "create / update / delete a hook" means, once for every provider. Commands (and the coming
 * plan/apply) talk to this, never to an adapter: it is the only caller of an adapter's write
 * methods. It
 * - checks a spec against the provider's capabilities before anything is sent (preview included);
 * - makes create and delete safe to repeat (safe-create.ts) through a wrapper object;
 * - updates by replace (get, create, delete in the provider's order) where the provider has no
 *   native update, and through the adapter's own update elsewhere;
 * - finds a hook by its normalized URL (find.ts), for --if-not-exists and the safe create.
 */
export interface HookService {
  readonly id: Provider['id'];
  readonly label: string;
  readonly capabilities: Capabilities;
  list(target: Target): AsyncIterable<Hook>;
  get(target: Target, id: string): Promise<Hook>;
  /** The hook of `target` that delivers to `url` (normalized), with how it differs from `want`. */
  findByUrl(target: Target, url: string, want?: HookSpec): Promise<HookMatch | undefined>;
  create(target: Target, spec: HookSpec): Promise<Hook>;
  update(target: Target, id: string, spec: HookSpec, intent?: UpdateIntent): Promise<UpdateResult>;
  delete(target: Target, id: string): Promise<void>;
  /** The requests `operation` would send; sends nothing. The spec is checked first, as for a real run. */
  preview(operation: Operation): Promise<RequestPreview[]>;
  /**
   * The targets a pattern (`codeup:<org>/*`) names, discovered lazily through the provider's
   * listing APIs. Throws a UsageError at once (exit 2) when the provider has no discovery.
   */
  expand(pattern: string): AsyncIterable<Target>;
  /** The adapter's delivery history, where its provider keeps one (undefined otherwise). */
  readonly deliveries: ((target: Target, id: string, query: DeliveryQuery) => Promise<DeliveryRecord[]>) | undefined;
  readonly delivery: ((target: Target, id: string, logId: string) => Promise<DeliveryDetail>) | undefined;
  /** Whether deliveryStatus reads a delivery log: one request per hook (capabilities.deliveryLog). */
  readonly readsDeliveryLog: boolean;
  /**
   * What the provider says about a listed hook's recent deliveries: the status its listing carried
   * (`hook.delivery`), else, where the provider keeps a delivery log and `readLog` is not false,
   * the newest AUDIT_DELIVERY_WINDOW logged deliveries judged (fleet/delivery.ts); else undefined.
   * A log that cannot be read throws (the caller reports it; no status is made up).
   */
  deliveryStatus(target: Target, hook: Hook, options?: { readLog?: boolean }): Promise<DeliveryStatus | undefined>;
}

/** Pattern discovery is optional on an adapter (issue 9 §1). */
type Expandable = Provider & { expand?(pattern: string): AsyncIterable<Target> };

export type ServiceDeps = Parameters<typeof withSafeWrites>[1];

export function createHookService(provider: Provider, deps: ServiceDeps, describe: (target: Target) => string): HookService {
  const safe = withSafeWrites(provider, deps);
  const { deliveries, delivery } = provider;
  const check = (spec: HookSpec) => checkSpec(provider.label, provider.capabilities, spec);
  const logged = provider.capabilities.deliveryLog === true ? deliveries : undefined;
  return {
    id: provider.id,
    label: provider.label,
    capabilities: provider.capabilities,
    list: (target) => provider.list(target),
    get: (target, id) => provider.get(target, id),
    findByUrl: (target, url, want) => findByUrl(provider, target, url, want),
    deliveries: deliveries ? (target, id, query) => deliveries.call(provider, target, id, query) : undefined,
    delivery: delivery ? (target, id, logId) => delivery.call(provider, target, id, logId) : undefined,
    readsDeliveryLog: logged !== undefined,
    async deliveryStatus(target, hook, options = {}) {
      if (hook.delivery !== undefined) return hook.delivery;
      if (logged === undefined || options.readLog === false) return undefined;
      return deliveryStatusFromLog(await logged.call(provider, target, hook.id, { limit: AUDIT_DELIVERY_WINDOW }));
    },
    async create(target, spec) {
      check(spec);
      return safe.create(target, spec);
    },
    async update(target, id, spec, intent = {}) {
      check(spec);
      if (provider.capabilities.update === 'native' && provider.update) return provider.update(target, id, spec, intent);
      // A replace sends the secret again: one it cannot read back would be lost silently.
      refuseSecretLoss(provider.label, provider.capabilities, spec, intent.dropSecret);
      const ops = {
        label: provider.label,
        order: provider.capabilities.replaceOrder ?? 'delete-first',
        get: (t: Target, hookId: string) => provider.get(t, hookId),
        create: (t: Target, s: HookSpec, existing: readonly string[]) => safe.create(t, s, { existing }),
        remove: (t: Target, hookId: string) => safe.delete(t, hookId),
        describe,
      } as const;
      return replaceHook(ops, target, id, spec);
    },
    delete: (target, id) => safe.delete(target, id),
    async preview(operation) {
      if (operation.kind !== 'delete') check(operation.spec);
      if (operation.kind === 'update' && provider.capabilities.update === 'replace') {
        refuseSecretLoss(provider.label, provider.capabilities, operation.spec, operation.dropSecret);
      }
      return provider.preview(operation);
    },
    expand(pattern) {
      const adapter = provider as Expandable;
      if (typeof adapter.expand !== 'function') {
        throw new UsageError(`"${pattern.replace(/[\u0000-\u001f\u007f]/g, '?')}": patterns are not supported for ${provider.label}`, {
          hint: 'name each target instead',
        });
      }
      return adapter.expand(pattern);
    },
  };
}
