import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/**
 * Every failure the user can see is one of these. They are thrown, never printed-and-exited:
 * only cli/main.ts turns them into an exit code and one line of text.
 * A message names the thing that failed; a hint names the fix. Neither ever holds a secret.
 */
export abstract class HookctlError extends Error {
  abstract readonly exitCode: ExitCodeValue;
  /** Stable machine-readable kind, printed in `{"error":{"code":…}}`. */
  abstract readonly code: string;
  readonly hint: string | undefined;
  /** Extra context printed only with --debug (already redacted by whoever sets it). */
  readonly details: string | undefined;

  constructor(message: string, options: { hint?: string | undefined; details?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/** Bad flags, arguments or spec values. Nothing was sent. */
export class UsageError extends HookctlError {
  readonly exitCode = ExitCode.usage;
  readonly code = 'usage';
}

/** A config file that cannot be read or does not match the schema. Nothing was sent. */
export class ConfigError extends HookctlError {
  readonly exitCode = ExitCode.usage;
  readonly code = 'config';
}

/** The spec uses a field or operation the provider cannot honour. Nothing was sent. */
export class UnsupportedError extends HookctlError {
  readonly exitCode = ExitCode.usage;
  readonly code = 'unsupported';
}

export class NotFoundError extends HookctlError {
  readonly exitCode = ExitCode.notFound;
  readonly code = 'not_found';
}

/** Credentials missing, refused, or not allowed to do this. */
export class AuthError extends HookctlError {
  readonly exitCode = ExitCode.auth;
  readonly code = 'auth';
}

export interface ProviderErrorInfo {
  provider: string;
  status: number;
  providerCode?: string | undefined;
  providerMessage?: string | undefined;
  requestId?: string | undefined;
}

/** The provider answered with an error we have no more specific class for. */
export class ProviderError extends HookctlError {
  readonly exitCode = ExitCode.failure;
  readonly code = 'provider';
  readonly info: ProviderErrorInfo;

  constructor(info: ProviderErrorInfo, options: { hint?: string | undefined; details?: string | undefined; message?: string } = {}) {
    super(options.message ?? describeProviderError(info), options);
    this.info = info;
  }
}

export function describeProviderError(info: ProviderErrorInfo): string {
  const parts = [`${info.provider} answered HTTP ${info.status}`];
  if (info.providerCode) parts.push(info.providerCode);
  let text = parts.join(' ');
  if (info.providerMessage) text += `: ${info.providerMessage}`;
  if (info.requestId) text += ` (request id ${info.requestId})`;
  return text;
}

/**
 * A listing or a discovery stopped at one of the bounds on provider answers (model/bounds.ts):
 * what was read is incomplete, so it is never reported as the whole. Exit 1 for one target; a
 * fleet run counts it as a failed target (exit 5).
 */
export class BoundError extends HookctlError {
  readonly exitCode = ExitCode.failure;
  readonly code = 'bound';
  /** The bound's key, e.g. `maxHooks`. */
  readonly bound: string;

  constructor(bound: string, message: string, options: { hint?: string | undefined } = {}) {
    super(message, options);
    this.bound = bound;
  }
}

/** Timeout, refused connection, reset, TLS failure: the request may not have reached the provider. */
export class NetworkError extends HookctlError {
  readonly exitCode = ExitCode.network;
  readonly code = 'network';
  /** False only when the request certainly never left this machine (refused, DNS, connect timeout). */
  readonly sent: boolean;

  constructor(message: string, options: { hint?: string | undefined; details?: string; cause?: unknown; sent?: boolean } = {}) {
    super(message, options);
    this.sent = options.sent ?? true;
  }
}

/**
 * A write whose outcome could not be learnt: the request was sent (or answered unreadably) and
 * what it did could not be checked. Exit 6, like the network failure it usually is; in a bulk run
 * it outranks exit 5, since someone has to look at that target.
 */
export class OutcomeUnknownError extends NetworkError {}

/** Some targets of a bulk run failed; the report says which. */
export class PartialError extends HookctlError {
  readonly exitCode = ExitCode.partial;
  readonly code = 'partial';
}

/** The person at the terminal answered no (or gave no answer) to a confirmation. Nothing was changed. */
export class DeclinedError extends HookctlError {
  readonly exitCode = ExitCode.usage;
  readonly code = 'declined';
}

/** Ctrl-C (SIGINT, exit 130) or SIGTERM (exit 143): the run stopped early; what was done stays done. */
export class InterruptedError extends HookctlError {
  readonly exitCode: ExitCodeValue;
  readonly code = 'interrupted';

  constructor(message: string, options: { hint?: string | undefined; details?: string | undefined; cause?: unknown; signal?: string | undefined } = {}) {
    super(message, options);
    this.exitCode = options.signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
  }
}

/** A bug in hookctl. Shown as one line; --debug shows the stack. */
export class InternalError extends HookctlError {
  readonly exitCode = ExitCode.failure;
  readonly code = 'internal';
}

/** The exit-code contract lives beside the errors that carry it. */
export { ExitCode, type ExitCodeValue } from './exit-codes.js';
