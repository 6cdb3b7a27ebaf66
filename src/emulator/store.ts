/**
 * The emulator's in-memory state: hooks per provider and scope, issued IAM tokens and AK/SK failure
 * counters. Scope keys read like the body of a hookctl target (design §3), so a test can look up
 * `snapshot().codeup['org1/42']` for the target `codeup:org1/42`.
 */
import { type RegistrySnapshot, RepositoryRegistry } from './registry.js';

/** One Codeup hook, shared by the v3 and Yunxiao APIs as on the real service (codeup.md §1, §3). */
export interface CodeupHookRecord {
  id: number;
  organizationId: string;
  projectId: number;
  url: string;
  pushEvents: boolean;
  tagPushEvents: boolean;
  mergeRequestsEvents: boolean;
  noteEvents: boolean;
  enableSslVerification: boolean;
  /** '' when not set. */
  secretToken: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  lastTestResult: '' | 'ok' | 'error';
}

/**
 * One CodeArts Repo hook (codearts.md §2 WebhookParamsRequestDto / WebhookDto), on a group or on a
 * repository: both scopes share one table, the repository ones under the scope key `repo/<id>`.
 */
export interface CodeartsHookRecord {
  id: number;
  /** The group id; '' for a repository hook. */
  groupId: string;
  /** The repository id of a repository hook (absent on group hooks). */
  repositoryId?: string;
  url: string;
  name: string;
  description: string;
  pushEvents: boolean;
  pushEventsBranchRegexFilter: string;
  tagPushEvents: boolean;
  mergeRequestsEvents: boolean;
  noteEvents: boolean;
  notePlainTextFilter: string[];
  /** '' when not set; never returned in clear. */
  token: string;
  tokenType: string;
  service: string;
  createdAt: string;
  updatedAt: string;
}

/** One ServiceStage project hook (servicestage.md §3). */
export interface ServicestageHookRecord {
  id: string;
  projectId: string;
  namespace: string;
  /** The repository path with '/' (the wire form uses ':'). */
  project: string;
  url: string;
  secret: string;
  type: string;
  createdAt: string;
}

/**
 * One CodeArts delivery (WebhookLogDto / ShowRepositoryWebhookLog, research-fleet §2a). Kept per
 * hook id, newest first.
 */
export interface CodeartsDeliveryLog {
  id: number;
  webHookId: number;
  trigger: string;
  url: string;
  /** The HTTP status as a string, or `internal error` when the receiver did not answer. */
  responseStatus: string;
  /** Seconds. */
  executionDuration: number;
  uuid: string;
  createdAt: string;
  updatedAt: string;
  /** Set on group-hook logs (WebhookLogExtendDto). */
  repository?: { id: number; namespace: string };
  requestHeaders: Record<string, string>;
  requestData: Record<string, unknown>;
  responseHeaders: Record<string, string>;
  responseBody: unknown;
}

export interface IssuedIamToken {
  token: string;
  userName: string;
  projectId: string;
  issuedAt: string;
  expiresAt: string;
}

export interface AkFailureState {
  consecutiveFailures: number;
  /** ISO time until which the AK is refused, when locked. */
  lockedUntil?: string;
}

type HookId = number | string;

/** Hooks of one provider, grouped by scope key, in creation order. */
export class HookTable<H extends { id: HookId }> {
  readonly #scopes = new Map<string, H[]>();

  list(scope: string): readonly H[] {
    return this.#scopes.get(scope) ?? [];
  }

  get(scope: string, id: HookId): H | undefined {
    return this.list(scope).find((hook) => String(hook.id) === String(id));
  }

  add(scope: string, hook: H): H {
    const hooks = this.#scopes.get(scope) ?? [];
    hooks.push(hook);
    this.#scopes.set(scope, hooks);
    return hook;
  }

  /** Replaces the hook with the same id in place, keeping list order. */
  replace(scope: string, hook: H): void {
    const hooks = this.#scopes.get(scope) ?? [];
    const index = hooks.findIndex((h) => String(h.id) === String(hook.id));
    if (index >= 0) hooks[index] = hook;
  }

  remove(scope: string, id: HookId): H | undefined {
    const hooks = this.#scopes.get(scope) ?? [];
    const index = hooks.findIndex((h) => String(h.id) === String(id));
    if (index < 0) return undefined;
    const [removed] = hooks.splice(index, 1);
    if (hooks.length === 0) this.#scopes.delete(scope);
    return removed;
  }

  clear(): void {
    this.#scopes.clear();
  }

  toJSON(): Record<string, H[]> {
    return Object.fromEntries([...this.#scopes].map(([scope, hooks]) => [scope, structuredClone(hooks)]));
  }
}

export interface EmulatorSnapshot {
  codeup: Record<string, CodeupHookRecord[]>;
  codearts: Record<string, CodeartsHookRecord[]>;
  servicestage: Record<string, ServicestageHookRecord[]>;
  /** CodeArts delivery logs by hook id, newest first. */
  codeartsLogs: Record<string, CodeartsDeliveryLog[]>;
  /** The repositories, groups and namespaces the emulator knows (registry.ts). */
  repositories: RegistrySnapshot;
  /** True when an unknown repository or group answers "not found" (registry.ts). */
  strict: boolean;
  iam: { tokensIssued: number; tokens: IssuedIamToken[] };
  akFailures: Record<string, AkFailureState>;
}

// Different starting points per provider make an id passed to the wrong provider fail loudly.
const FIRST_ID = { codeup: 10001, codearts: 20001, servicestage: 30001, codeartsLog: 40001 } as const;

export class EmulatorStore {
  readonly codeup = new HookTable<CodeupHookRecord>();
  readonly codearts = new HookTable<CodeartsHookRecord>();
  readonly servicestage = new HookTable<ServicestageHookRecord>();
  readonly iamTokens = new Map<string, IssuedIamToken>();
  readonly akFailures = new Map<string, AkFailureState>();
  /** CodeArts delivery logs by hook id (as a string), newest first. */
  readonly codeartsLogs = new Map<string, CodeartsDeliveryLog[]>();
  readonly registry = new RepositoryRegistry();
  /** See registry.ts: strict = unknown repositories and groups are "not found". */
  strict = false;
  #tokensIssued = 0;
  #nextId: Record<keyof typeof FIRST_ID, number> = { ...FIRST_ID };
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  /** The injected clock, as an ISO string (what every record stores). */
  timestamp(): string {
    return this.#now().toISOString();
  }

  nextCodeupId(): number {
    return this.#nextId.codeup++;
  }

  nextCodeartsId(): number {
    return this.#nextId.codearts++;
  }

  /** ServiceStage hook ids are strings on the wire (servicestage.md §3). */
  nextServicestageId(): string {
    return String(this.#nextId.servicestage++);
  }

  nextCodeartsLogId(): number {
    return this.#nextId.codeartsLog++;
  }

  /** Moves the id counters past ids a fleet loader assigned itself. */
  reserveIds(next: Partial<Record<keyof typeof FIRST_ID, number>>): void {
    for (const [key, value] of Object.entries(next) as [keyof typeof FIRST_ID, number][]) {
      this.#nextId[key] = Math.max(this.#nextId[key], value);
    }
  }

  recordIamToken(token: IssuedIamToken): void {
    this.iamTokens.set(token.token, token);
    this.#tokensIssued += 1;
  }

  get tokensIssued(): number {
    return this.#tokensIssued;
  }

  reset(): void {
    this.codeup.clear();
    this.codearts.clear();
    this.servicestage.clear();
    this.iamTokens.clear();
    this.akFailures.clear();
    this.codeartsLogs.clear();
    this.registry.clear();
    this.#tokensIssued = 0;
    this.#nextId = { ...FIRST_ID };
  }

  /** A deep, JSON-ready copy of everything, secrets included (the emulator is a test tool). */
  snapshot(): EmulatorSnapshot {
    return {
      codeup: this.codeup.toJSON(),
      codearts: this.codearts.toJSON(),
      servicestage: this.servicestage.toJSON(),
      codeartsLogs: structuredClone(Object.fromEntries(this.codeartsLogs)),
      repositories: this.registry.toJSON(),
      strict: this.strict,
      iam: { tokensIssued: this.#tokensIssued, tokens: structuredClone([...this.iamTokens.values()]) },
      akFailures: structuredClone(Object.fromEntries(this.akFailures)),
    };
  }
}

/** Scope keys, shaped like target bodies (design §3). */
export const scopeKey = {
  codeup: (organizationId: string, projectId: number | string): string => `${organizationId}/${projectId}`,
  codearts: (groupId: string): string => groupId,
  /** CodeArts repository hooks: the target `codearts:repo/<repositoryId>`. */
  codeartsRepository: (repositoryId: number | string): string => `repo/${repositoryId}`,
  servicestage: (projectId: string, namespace: string, project: string): string => `${projectId}/${namespace}/${project}`,
};
