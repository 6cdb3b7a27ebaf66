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

export type Operation<T extends Target = Target> =
  | { kind: 'create'; target: T; spec: HookSpec }
  | { kind: 'update'; target: T; id: string; spec: HookSpec; dropSecret?: boolean }
  | { kind: 'delete'; target: T; id: string };

/** An adapter, over its own target type (the registry routes each target to its provider). */
export interface Provider<T extends Target = Target> {
  readonly id: Target['provider'];
  /** Human-readable name with mode, e.g. "Codeup (OpenAPI v3)". */
  readonly label: string;
  readonly capabilities: Capabilities;
  list(target: T): AsyncIterable<Hook>;
  /** Throws NotFoundError when there is no such hook. */
  get(target: T, id: string): Promise<Hook>;
  create(target: T, spec: HookSpec): Promise<Hook>;
  /**
   * `spec` is the complete desired hook (the command merges flags over the current hook).
   * `intent.dropSecret` (--no-secret): the hook is to end up without a secret.
   */
  update(target: T, id: string, spec: HookSpec, intent?: UpdateIntent): Promise<UpdateResult>;
  delete(target: T, id: string): Promise<void>;
  /** The requests `operation` would send, credentials applied in preview form; sends nothing. */
  preview(operation: Operation<T>): Promise<RequestPreview[]>;
}
