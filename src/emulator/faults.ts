/**
 * Fault injection for the emulator: one middleware in front of the provider APIs (handle.ts), set
 * from `hookctl emulator --fault SPEC --seed N` or at run time through `/_emulator/faults`
 * (GET lists the faults with their counters, POST `{"faults": [SPEC...], "seed": N}` adds, DELETE
 * clears). The SPEC syntax is in fault-spec.ts. The first fault that matches a request and fires
 * is the only one applied to it.
 */
import { popError } from './codeup.js';
import { type FaultRule, parseFaultSpec, seededRandom } from './fault-spec.js';
import { alibabaRequestId, huaweiRequestId, json } from './http.js';
import { apigError } from './huawei-gateway.js';
import type { EmulatorHandler, EmulatorMiddleware } from './middleware.js';

interface ActiveFault {
  rule: FaultRule;
  matched: number;
  fired: number;
}

export interface FaultStatus {
  spec: string;
  matched: number;
  fired: number;
  /** null: no limit. */
  remaining: number | null;
}

export interface FaultInjector {
  readonly middleware: EmulatorMiddleware;
  add(specs: readonly string[]): void;
  clear(): void;
  /** Restarts the PRNG. */
  seed(seed: number): void;
  status(): { seed: number; faults: FaultStatus[] };
  /** `GET|POST|DELETE /_emulator/faults`. */
  control(request: Request): Promise<Response>;
}

export interface FaultOptions {
  specs?: readonly string[] | undefined;
  seed?: number | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

export const DEFAULT_FAULT_SEED = 1;

export function createFaultInjector(options: FaultOptions = {}): FaultInjector {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let faults: ActiveFault[] = [];
  let currentSeed = options.seed ?? DEFAULT_FAULT_SEED;
  let random = seededRandom(currentSeed);

  const pick = (request: Request): FaultRule | undefined => {
    const { pathname } = new URL(request.url);
    for (const fault of faults) {
      const { rule } = fault;
      if (rule.methods && !rule.methods.includes(request.method)) continue;
      if (rule.path && !rule.path.test(pathname)) continue;
      fault.matched++;
      if (fault.matched <= rule.skip) continue;
      if (rule.times !== undefined && fault.fired >= rule.times) continue;
      if (rule.rate !== undefined && random() >= rule.rate) continue;
      fault.fired++;
      return rule;
    }
    return undefined;
  };

  const injector: FaultInjector = {
    middleware: async (request, next) => {
      const rule = pick(request);
      return rule ? apply(rule, request, next, sleep) : next(request);
    },
    add: (specs) => {
      const rules = specs.map(parseFaultSpec);
      faults = [...faults, ...rules.map((rule) => ({ rule, matched: 0, fired: 0 }))];
    },
    clear: () => {
      faults = [];
    },
    seed: (seed) => {
      currentSeed = seed;
      random = seededRandom(seed);
    },
    status: () => ({
      seed: currentSeed,
      faults: faults.map(({ rule, matched, fired }) => ({
        spec: rule.spec,
        matched,
        fired,
        remaining: rule.times === undefined ? null : Math.max(0, rule.times - fired),
      })),
    }),
    control: (request) => control(injector, request),
  };
  injector.add(options.specs ?? []);
  return injector;
}

async function control(injector: FaultInjector, request: Request): Promise<Response> {
  if (request.method === 'GET') return json(200, injector.status());
  if (request.method === 'DELETE') {
    injector.clear();
    return json(200, injector.status());
  }
  if (request.method !== 'POST') return json(405, { code: 'MethodNotAllowed', message: 'use GET, POST or DELETE' });
  let body: { faults?: unknown; seed?: unknown };
  try {
    body = (await request.json()) as typeof body;
  } catch {
    return json(400, { code: 'BadFaultSpec', message: 'the body must be JSON: {"faults": ["503:times=2"], "seed": 7}' });
  }
  const specs = Array.isArray(body?.faults) ? body.faults : [];
  if (!specs.every((s): s is string => typeof s === 'string')) return json(400, { code: 'BadFaultSpec', message: 'faults must be a list of SPEC strings' });
  try {
    if (typeof body.seed === 'number' && Number.isInteger(body.seed)) injector.seed(body.seed);
    injector.add(specs);
  } catch (error) {
    return json(400, { code: 'BadFaultSpec', message: error instanceof Error ? error.message : String(error) });
  }
  return json(200, injector.status());
}

async function apply(rule: FaultRule, request: Request, next: EmulatorHandler, sleep: (ms: number) => Promise<void>): Promise<Response> {
  const url = new URL(request.url);
  switch (rule.kind) {
    case 'status':
      return errorAnswer(url, rule.status ?? 503, rule.retryAfterSeconds);
    case 'latency':
      await sleep(rule.ms);
      return next(request);
    case 'reset-before':
      return Response.error();
    case 'reset-after':
      // The provider has done the work; only the answer is lost, as on a real dropped connection.
      await (await next(request)).arrayBuffer();
      return Response.error();
    case 'html':
      // What a captive portal or misconfigured proxy answers: the provider never saw the request.
      return stamp(
        url,
        new Response('<html><body><h1>Service temporarily unavailable</h1></body></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      );
    case 'bad-json':
    case 'wrong-shape':
    case 'slow-body':
      return reshape(rule, url, await next(request), sleep);
  }
}

/** Rewrites the provider's real answer (the write, if any, has happened). */
async function reshape(rule: FaultRule, url: URL, real: Response, sleep: (ms: number) => Promise<void>): Promise<Response> {
  const headers = new Headers(real.headers);
  headers.delete('content-length');
  const bytes = new Uint8Array(await real.arrayBuffer());
  // A 204 has no body to spoil.
  if (real.status === 204) return new Response(null, { status: 204, headers });
  if (rule.kind === 'slow-body') return new Response(trickle(bytes, rule.ms, sleep), { status: real.status, headers });
  const text = new TextDecoder().decode(bytes);
  // Half of a JSON text never parses; an empty body becomes a lone brace.
  const body = rule.kind === 'bad-json' ? text.slice(0, Math.max(1, Math.ceil(text.length / 2))) || '{' : '["not the documented shape"]';
  return stamp(url, new Response(body, { status: real.status, headers }));
}

const SLOW_BODY_CHUNKS = 5;

function trickle(bytes: Uint8Array, ms: number, sleep: (ms: number) => Promise<void>): ReadableStream<Uint8Array> {
  const size = Math.max(1, Math.ceil(bytes.byteLength / SLOW_BODY_CHUNKS));
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      if (offset > 0) await sleep(ms);
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

/**
 * Real gateways put a request id on every answer; the emulator's success answers for CodeArts and
 * ServiceStage carry none, so a rewritten answer gets one, and hookctl's error can name it.
 */
function stamp(url: URL, response: Response): Response {
  if (response.headers.has('x-request-id') || response.headers.has('x-acs-request-id')) return response;
  if (url.pathname.startsWith('/api/')) response.headers.set('x-acs-request-id', alibabaRequestId());
  else response.headers.set('x-request-id', url.pathname.startsWith('/oapi/') ? alibabaRequestId() : huaweiRequestId());
  return response;
}

/**
 * An error answer in the shape of the gateway that owns the path. Codes: `Throttling.User` (POP,
 * codeup.md §1), `TooManyRequests` / `InternalServerError` (Yunxiao, codeup.md §3) and `APIG.0308`
 * (Huawei APIG, codearts.md §3) are documented; the other codes and all messages are [I].
 */
function errorAnswer(url: URL, status: number, retryAfterSeconds: number | undefined): Response {
  const response = providerShaped(url, status);
  if (retryAfterSeconds !== undefined) response.headers.set('retry-after', String(retryAfterSeconds));
  return response;
}

function providerShaped(url: URL, status: number): Response {
  const throttled = status === 429;
  if (url.pathname.startsWith('/api/')) {
    const code = throttled ? 'Throttling.User' : status === 504 ? 'ServiceTimeout' : status >= 500 ? 'ServiceUnavailable' : 'InvalidParameter';
    const message = throttled ? 'Request was denied due to user flow control.' : 'The request has failed due to a temporary failure of the server.';
    return popError({ url }, status, code, message);
  }
  if (url.pathname.startsWith('/oapi/')) {
    const code = throttled ? 'TooManyRequests' : status >= 500 ? 'InternalServerError' : 'BadRequest';
    return json(status, { errorCode: code, errorMessage: `injected fault: HTTP ${status}` }, { 'x-request-id': alibabaRequestId() });
  }
  if (/^\/v\d+\//.test(url.pathname)) {
    if (throttled) return apigError(429, 'APIG.0308', 'The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute');
    return apigError(status, status === 504 ? 'APIG.0202' : 'APIG.0201', status === 504 ? 'Backend timeout' : 'Backend unavailable');
  }
  return json(status, { code: `HTTP${status}`, message: `injected fault: HTTP ${status}` });
}
