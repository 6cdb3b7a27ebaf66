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
  const [agent, api] = await Promise.all([import('undici/lib/dispatcher/agent.js'), import('undici/lib/api/api-request.js')]);
  return {
    Agent: agent.default,
    request: api.default,
    loadEnvHttpProxyAgent: async () => (await import('undici')).EnvHttpProxyAgent,
  };
}
