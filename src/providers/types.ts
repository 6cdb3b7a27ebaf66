import type { ResolvedSettings } from '../config/resolve.js';
import type { SettingsSection } from '../config/section.js';
import type { DeliveryProfile } from '../deliveries/facts.js';
import type { DeliveryDetail, DeliveryQuery, DeliveryRecord } from '../deliveries/history.js';
import type { RequestPreview } from '../http/types.js';
import type { HookEvent } from '../model/events.js';
import type { Hook, HookSpec, SpecField } from '../model/hook.js';
import type { Target, TargetGrammar } from '../model/target.js';
import type { AuthDescription } from './credentials.js';
import type { ProviderDeps } from './deps.js';

export type FieldSupport = 'required' | 'optional' | 'unsupported';

/** What an adapter can express. Specs are checked against this before any request is made. */
export interface Capabilities {
  fields: Record<SpecField, FieldSupport>;
  /** Events the provider can subscribe to (or the fixed set it delivers, where the Git host decides). */
  events: readonly HookEvent[];
  /** Maximum string lengths (characters) the provider accepts. */
  limits: Partial<Record<'url' | 'name' | 'description' | 'secret', number>>;
  /** How many note filters, and how long each, the provider accepts (when it takes any). */
  noteFilterLimits?: { maxItems: number; maxLength: number } | undefined;
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
  /**
   * What a read of a hook says about its secret: `clear` (the value), `masked` (only whether one is
   * set), `never` (nothing). Where it says something, an update whose effect on the secret is only
   * inferred reads the hook back to check. Absent: `never`.
   */
  secretReadback?: 'clear' | 'masked' | 'never';
  /** `list` means there is no native get: the adapter filters the list. */
  get: 'native' | 'list';
  /**
   * The provider keeps a per-hook delivery log (`deliveries`) that says whether the latest delivery
   * worked: the audit reads it, one request per hook. Absent: no log, or none worth a request
   * (a status the hook listing carries comes in `Hook.delivery`).
   */
  deliveryLog?: boolean;
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
  /** Human-readable name, with the API mode where a provider has two. */
  readonly label: string;
  readonly capabilities: Capabilities;
  list(target: T): AsyncIterable<Hook>;
  /** Throws NotFoundError when there is no such hook. */
  get(target: T, id: string): Promise<Hook>;
  create(target: T, spec: HookSpec): Promise<Hook>;
  /**
   * Absent where `capabilities.update` is `replace`: the hook service replaces (delete + create).
   * `spec` is the complete desired hook (the command merges flags over the current hook).
   * `intent.dropSecret` (--no-secret): the hook is to end up without a secret.
   */
  update?(target: T, id: string, spec: HookSpec, intent?: UpdateIntent): Promise<UpdateResult>;
  delete(target: T, id: string): Promise<void>;
  /** The requests `operation` would send, credentials applied in preview form; sends nothing. */
  preview(operation: Operation<T>): Promise<RequestPreview[]>;
  /** Recent deliveries of a hook, newest first; absent where the provider keeps no history (`hooks deliveries`). */
  deliveries?(target: T, id: string, query: DeliveryQuery): Promise<DeliveryRecord[]>;
  /** One delivery in full, request and response (CodeArts delivery logs); absent elsewhere. */
  delivery?(target: T, id: string, logId: string): Promise<DeliveryDetail>;
  /**
   * Discovery: the targets a pattern names (its grammar's `patterns`, e.g. `codeup:<org>/*`), as
   * the provider's own listing APIs give them. `pattern` is the text ParsedPattern.pattern holds
   * (`<provider>:` prefix optional); a text that is not one of this provider's patterns is a
   * UsageError. Lazy: pages are fetched as the caller pulls, and each page's targets are yielded as
   * soon as it arrives. An unknown organization/project/namespace is a NotFoundError; an aborted
   * `signal` stops it between (and during) requests. Absent where the provider has no patterns.
   */
  expand?(pattern: string, signal?: AbortSignal): AsyncIterable<Target>;
}

/**
 * What help, target parsing and delivery checks know of a provider, cheap to import (no settings,
 * no adapter): providers/<id>/about.ts, listed in catalog.ts; its definition.ts spreads it.
 */
export type ProviderAbout<T extends Target = Target> = Pick<ProviderDefinition<T>, 'id' | 'name' | 'help' | 'target' | 'delivery'>;

/**
 * Everything hookctl knows about one provider, in its own folder (providers/<id>/definition.ts),
 * listed once in registry.ts. Cheap to import: `load` brings in the adapter on first use.
 */
export interface ProviderDefinition<T extends Target = Target> {
  readonly id: T['provider'];
  /** The product's name, as the README and the demo print it. */
  readonly name: string;
  /** Command lines for `hookctl --help` (`hooks create`, and `export` of a pattern), written with this provider's targets. */
  readonly help?: { create?: string; export?: string };
  /** What `hookctl demo` creates on the emulator (the demo adds a secret). */
  readonly demo: { target: string; spec: { url: string; name?: string; events?: readonly HookEvent[] } };
  /** How its targets are written, parsed and printed. */
  readonly target: TargetGrammar<T>;
  /**
   * Whether its hook listing says if a secret is set, so a hook read back without one has none
   * (audit's no-secret rule). Absent: it does not, and no-secret stays silent for its hooks.
   */
  readonly reportsSecret?: boolean;
  /** What its deliveries carry (headers, signature, body style): listen and hooks test read it. Absent: it has none to check. */
  readonly delivery?: DeliveryProfile;
  /** The settings sections it reads (profile schema, resolution with sources, default endpoints), in resolution order. */
  readonly settings: readonly SettingsSection[];
  /** What it can express with these settings (which may pick one of two APIs). */
  capabilities(settings: ResolvedSettings): Capabilities;
  /** `auth status`, offline: mode, endpoint and credentials (masked), each with its source. */
  describeAuth(settings: ResolvedSettings): AuthDescription;
  /**
   * `auth status --check` without a target: a live call that needs none (an IAM login).
   * Providers that share one (same `key`) run it once.
   */
  readonly loginCheck?: {
    key: string;
    applies(settings: ResolvedSettings): boolean;
    run(settings: ResolvedSettings, deps: ProviderDeps): Promise<string>;
  };
  /** `auth login`: what a login of this provider asks for and stores, and how it is checked. Absent: no login. */
  readonly login?: ProviderLogin;
  /** The factory: builds the adapter from the settings (loading its code on first use). */
  load(settings: ResolvedSettings, deps: ProviderDeps): Promise<Provider<T>>;
}

/**
 * A provider's `auth login`. Every value is stored under the variable it stands for; the settings
 * section that lists the variable (SettingsSection.login.variables) keeps it, so providers that
 * share a section (one Huawei Cloud account) share its login.
 */
export interface ProviderLogin {
  /** Lines shown before the paste: where to create the credential and which permissions it needs. */
  readonly instructions: readonly string[];
  /** A token login: the variable it is stored as. */
  readonly token?: { variable: string; label: string };
  /** An AccessKey pair login: the variables of the id and the secret. */
  readonly accessKey?: { id: string; secret: string };
  /** Values that are not secret (a flag each, asked for when missing on a terminal). */
  readonly extras?: readonly { variable: string; flag: string; label: string }[];
  /**
   * A live call that needs no target, run with the login's credentials before it is saved.
   * Absent: the provider has none, and `--target` names a target whose hooks are listed instead.
   */
  check?(settings: ResolvedSettings, deps: ProviderDeps): Promise<string>;
}
