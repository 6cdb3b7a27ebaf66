import type { HookEvent } from '../model/events.js';
import type { Hook, HookSpec, SpecField } from '../model/hook.js';
import type { Target } from '../model/target.js';
import type { RequestPreview } from '../http/types.js';

export type FieldSupport = 'required' | 'optional' | 'unsupported';

/** What an adapter can express. Specs are checked against this before any request is made. */
export interface Capabilities {
  fields: Record<SpecField, FieldSupport>;
  /** Events the provider can subscribe to (ServiceStage: the fixed set its Git host delivers). */
  events: readonly HookEvent[];
  /** Maximum string lengths (characters) the provider accepts. */
  limits: Partial<Record<'url' | 'name' | 'description' | 'secret', number>>;
  /** `replace` means update is delete + create and the hook id changes. */
  update: 'native' | 'replace';
  /**
   * For a replace: `create-first` where the provider accepts two hooks with the same URL (a failed
   * create then loses nothing), `delete-first` where it refuses duplicates. Absent: delete-first.
   */
  replaceOrder?: 'create-first' | 'delete-first';
  /**
   * What an update that carries no secret does to the current one: `resend` (it must be sent
   * again, or it is lost), `kept`, or `kept-unless-url-changes`. Absent: `resend`.
   */
  secretOnUpdate?: 'resend' | 'kept' | 'kept-unless-url-changes';
  /** `list` means there is no native get: the adapter filters the list. */
  get: 'native' | 'list';
}

export interface UpdateResult {
  hook: Hook;
  /** Set when the update was a replace: the id the hook had before. */
  replacedId?: string;
}

export interface UpdateIntent {
  dropSecret?: boolean | undefined;
}

export type Operation =
  | { kind: 'create'; target: Target; spec: HookSpec }
  | { kind: 'update'; target: Target; id: string; spec: HookSpec; dropSecret?: boolean }
  | { kind: 'delete'; target: Target; id: string };

export interface Provider {
  readonly id: Target['provider'];
  /** Human-readable name with mode, e.g. "Codeup (OpenAPI v3)". */
  readonly label: string;
  readonly capabilities: Capabilities;
  list(target: Target): AsyncIterable<Hook>;
  /** Throws NotFoundError when there is no such hook. */
  get(target: Target, id: string): Promise<Hook>;
  create(target: Target, spec: HookSpec): Promise<Hook>;
  /**
   * `spec` is the complete desired hook (the command merges flags over the current hook).
   * `intent.dropSecret` (--no-secret): the hook is to end up without a secret. Only adapters with
   * `capabilities.update: 'native'` have it; the hook service does a replace for the others.
   */
  update?(target: Target, id: string, spec: HookSpec, intent?: UpdateIntent): Promise<UpdateResult>;
  delete(target: Target, id: string): Promise<void>;
  /** The requests `operation` would send, credentials applied in preview form; sends nothing. */
  preview(operation: Operation): Promise<RequestPreview[]>;
}
