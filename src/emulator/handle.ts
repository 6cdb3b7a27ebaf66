/**
 * The emulator's one entry point: `handle(request) → response`, plain Fetch API. It routes by path
 * to the provider modules over one in-memory store. Wrappers (node:http server, msw handlers, the
 * CLI's `emulator` and `demo` commands) all call this function.
 *
 * Seam for later features: every provider request passes through a chain of middleware
 * `(request, next) => response`, outermost first. Fault injection (5xx, 429 + Retry-After, dropped
 * connections via `Response.error()`, bad JSON) is the built-in middleware from `faults.ts`, set by
 * `options.faults` or at `/_emulator/faults`; the control surface under `/_emulator/` is never subject to it.
 */
import { codeartsRoutes } from './codearts.js';
import { codeupRoutes, popError } from './codeup.js';
import { type EmulatorCredentialOverrides, type EmulatorCredentials, resolveCredentials } from './credentials.js';
import { discoveryRoutes } from './discovery.js';
import { type DeliverFn, handleEvents, nodeDeliver } from './events.js';
import { createFaultInjector, type FaultInjector } from './faults.js';
import { type FleetOptions, type LoadedFleet, loadFleet, resolveFleetSpec } from './fleet.js';
import { type HostileMode, hostileMiddleware } from './hostile.js';
import { type EmulatorContext, json, matchRoute, type Route, readRequest } from './http.js';
import { apigError } from './huawei-gateway.js';
import { IAM_TOKEN_TTL_MS, iamRoutes } from './iam.js';
import { composeMiddleware, type EmulatorMiddleware } from './middleware.js';
import { servicestageRoutes } from './servicestage.js';
import { EmulatorStore } from './store.js';
import { yunxiaoRoutes } from './yunxiao.js';

export type { EmulatorHandler, EmulatorMiddleware } from './middleware.js';

export interface EmulatorOptions {
  /** Overrides for the accepted credentials (defaults: EMULATOR_CREDENTIALS). */
  credentials?: EmulatorCredentialOverrides;
  /** The clock for timestamps, signature skew, token expiry and AK lockout. */
  now?: () => Date;
  /** A delay before every provider request, for benchmarks. */
  latencyMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Lifetime of IAM tokens issued by `POST /v3/auth/tokens` (default 24 h). */
  tokenTtlMs?: number;
  /** Extra middleware, outermost first, in front of the built-in faults and latency steps. */
  middleware?: readonly EmulatorMiddleware[];
  /** Faults active from the start (SPEC strings, faults.ts); more can be set at `/_emulator/faults`. */
  faults?: readonly string[];
  /**
   * A hostile provider (hostile.ts): answers rewritten as a broken or malicious provider would send
   * them (oversized, endless or repeated pages, group cycles, `..` ids, long secrets, control
   * characters, a slow drip, huge headers). Outside the faults, which still act on the real answers.
   */
  hostile?: HostileMode | undefined;
  /** Seed of the PRNG behind `rate=` faults, so a run fails the same requests each time. */
  faultSeed?: number;
  /**
   * A fleet loaded into the store at start and again on every reset (fleet.ts): generated
   * (`{ size, seed }`), read from a JSON/YAML file (`{ file }`) or given (`{ spec }`).
   */
  fleet?: FleetOptions;
  /**
   * Strict mode (registry.ts): unknown repositories and groups answer "not found" as the real APIs
   * do. Default: on with a fleet, off without one (any id is registered on first use).
   */
  strict?: boolean;
  /** How `POST /_emulator/events` sends a delivery (events.ts); default node:http, loopback only. */
  deliver?: DeliverFn;
}

export interface Emulator {
  handle(request: Request): Promise<Response>;
  readonly store: EmulatorStore;
  readonly credentials: EmulatorCredentials;
  /** The fault injector, also reachable at `GET|POST|DELETE /_emulator/faults`. */
  readonly faults: FaultInjector;
  /** What the fleet holds and which findings it was built to raise; undefined without a fleet. */
  readonly fleet: LoadedFleet | undefined;
  /** Clears the store and loads the fleet again (same ids). */
  reset(): void;
}

export const EMULATOR_CONTROL_PREFIX = '/_emulator/';

const PROVIDER_ROUTES: readonly Route[] = [...discoveryRoutes, ...codeupRoutes, ...yunxiaoRoutes, ...codeartsRoutes, ...servicestageRoutes, ...iamRoutes];

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const now = options.now ?? (() => new Date());
  const store = new EmulatorStore(now);
  const ctx: EmulatorContext = {
    store,
    credentials: resolveCredentials(options.credentials),
    now,
    tokenTtlMs: options.tokenTtlMs ?? IAM_TOKEN_TTL_MS,
  };
  // The spec is built (or read) once; each reset loads it again into the emptied store.
  const fleetSpec = options.fleet === undefined ? undefined : resolveFleetSpec(options.fleet, ctx.credentials.huawei.project.id);
  const strict = options.strict ?? fleetSpec !== undefined;
  let fleet: LoadedFleet | undefined;
  const reset = (): void => {
    store.reset();
    store.strict = strict;
    fleet = fleetSpec === undefined ? undefined : loadFleet(store, fleetSpec);
  };
  reset();
  const faults = createFaultInjector({ specs: options.faults, seed: options.faultSeed, sleep: options.sleep });
  const hostile = options.hostile === undefined ? [] : [hostileMiddleware(options.hostile, { sleep: options.sleep, now })];
  const chain = [...(options.middleware ?? []), ...hostile, faults.middleware, latencyMiddleware(options)];
  const providers = composeMiddleware(chain, (request) => routeProvider(request, ctx));

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    try {
      if (path === `${EMULATOR_CONTROL_PREFIX}faults`) return await faults.control(request);
      if (path === `${EMULATOR_CONTROL_PREFIX}events`) return await handleEvents(request, store, options.deliver ?? nodeDeliver);
      if (path.startsWith(EMULATOR_CONTROL_PREFIX)) return control(request, path, store, fleet, reset);
      return await providers(request);
    } catch (error) {
      // A bug in the emulator must surface as a response, not kill the server that wraps it.
      const message = error instanceof Error ? error.message : String(error);
      return json(500, { code: 'EmulatorInternalError', message });
    }
  }

  return {
    handle,
    store,
    credentials: ctx.credentials,
    faults,
    get fleet() {
      return fleet;
    },
    reset,
  };
}

function latencyMiddleware(options: EmulatorOptions): EmulatorMiddleware {
  const ms = options.latencyMs ?? 0;
  const sleep = options.sleep ?? ((delay: number) => new Promise<void>((resolve) => setTimeout(resolve, delay)));
  return async (request, next) => {
    if (ms > 0) await sleep(ms);
    return next(request);
  };
}

async function routeProvider(request: Request, ctx: EmulatorContext): Promise<Response> {
  const parsed = await readRequest(request);
  const match = matchRoute(PROVIDER_ROUTES, parsed.method, parsed.url.pathname);
  if (!match) return unknownRoute(parsed.method, parsed.url);
  return match.route.handle(parsed, match.params, ctx);
}

/** A 404 in the style of whichever gateway owns the path prefix. */
function unknownRoute(method: string, url: URL): Response {
  const what = `${method} ${url.pathname}`;
  if (url.pathname.startsWith('/api/')) {
    // [I] POP's answer when no API matches.
    return popError({ url }, 404, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method. (${what})`);
  }
  if (url.pathname.startsWith('/oapi/')) {
    return json(404, { errorCode: 'NotFound', errorMessage: `no such API: ${what}` });
  }
  if (/^\/v\d+\//.test(url.pathname)) {
    // APIG.0101 404 "API not found" (codearts.md §3); the exact wording is [I].
    return apigError(404, 'APIG.0101', `The API does not exist or has not been published in the environment (${what})`);
  }
  return json(404, { code: 'NotFound', message: `the emulator has no API at ${what}` });
}

/**
 * `GET /_emulator/state`: the store (hooks, repositories, delivery logs, strict flag) plus, with a
 * fleet, `fleet: { summary, plantedFindings }`. `POST /_emulator/reset`: back to the start (the
 * fleet loaded again).
 */
function control(request: Request, path: string, store: EmulatorStore, fleet: LoadedFleet | undefined, reset: () => void): Response {
  if (path === `${EMULATOR_CONTROL_PREFIX}state` && request.method === 'GET') return json(200, { ...store.snapshot(), ...(fleet && { fleet }) });
  if (path === `${EMULATOR_CONTROL_PREFIX}reset` && request.method === 'POST') {
    reset();
    return json(200, { reset: true });
  }
  return json(404, { code: 'NotFound', message: `no emulator control endpoint ${request.method} ${path}` });
}
