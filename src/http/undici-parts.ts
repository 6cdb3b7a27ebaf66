import type { Agent, Dispatcher, EnvHttpProxyAgent } from 'undici';

/**
 * The parts of undici hookctl uses, loaded module by module. undici's entry point loads every
 * feature it has (fetch, WebSocket, cookies, caches, mocks: about 1 MB of code, some 40 ms per run
 * to compile and evaluate); a request needs an Agent and the request API only. These paths are
 * undici 7's own layout (the package has no exports map, so they are public in practice); the
 * transport tests exercise all three, so an upgrade that moves them fails there, not at a user.
 */
export interface UndiciParts {
  Agent: typeof Agent;
  /** undici's `dispatcher.request`, called with the dispatcher as `this` (the entry point attaches it to the prototype). */
  request: (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
  /**
   * Only when a proxy is configured. The proxy agents tunnel through `dispatcher.connect`, which
   * undici's entry point attaches to every dispatcher, so this path loads the whole entry point.
   */
  loadEnvHttpProxyAgent: () => Promise<typeof EnvHttpProxyAgent>;
}

export async function loadUndiciParts(): Promise<UndiciParts> {
  // node:tls is loaded here, before the flag below, although only https needs it: see keepWasmAtBaselineTier.
  const [agent, api, v8] = await Promise.all([
    import('undici/lib/dispatcher/agent.js'),
    import('undici/lib/api/api-request.js'),
    import('node:v8'),
    import('node:tls'),
  ]);
  keepWasmAtBaselineTier(v8);
  return {
    Agent: agent.default,
    request: api.default,
    loadEnvHttpProxyAgent: async () => (await import('undici')).EnvHttpProxyAgent,
  };
}

/**
 * undici parses HTTP with a WebAssembly module. After a few responses V8 recompiles that parser
 * with its optimizing compiler on a background thread, and a process that is done must wait for
 * the compile before it can exit: about 90 ms, longer than the whole request. Baseline-compiled
 * wasm parses a CLI's few responses fast enough, and a fleet audit's thousands too.
 *
 * Why here and not first thing in bin/: changing any V8 flag makes V8 refuse the code cache Node
 * ships for its own modules, which then compile from source (loading http2, tls and crypto takes
 * 15 ms instead of 5). So the flag is set after undici and the built-ins it needs are loaded, and
 * before the first connection compiles the parser.
 */
function keepWasmAtBaselineTier(v8: typeof import('node:v8')): void {
  v8.setFlagsFromString('--wasm-tiering-budget=2147483647');
}
