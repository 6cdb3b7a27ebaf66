/**
 * The emulator on a real loopback port, behind msw: the handler list ends with a catch-all that
 * delegates to `emulator.handle`, so a test can `server.use(...)` overrides and faults in front.
 */
import { http } from 'msw';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/handle.js';
import { type MswHttpServer, startMswHttpServer } from './msw-server.js';

export interface StartedEmulator {
  url: string;
  emulator: Emulator;
  server: MswHttpServer;
  close(): Promise<void>;
}

export async function startEmulator(options?: EmulatorOptions): Promise<StartedEmulator> {
  const emulator = createEmulator(options);
  const server = await startMswHttpServer([http.all('*', ({ request }) => emulator.handle(request))]);
  return { url: server.url, emulator, server, close: () => server.close() };
}

/**
 * One emulator for a test file (or describe block): started before its tests, closed after, and
 * reset before each test (hooks, faults, msw overrides, request log), so every test starts clean.
 * The returned handle reads the running instance lazily: use it inside hooks and tests.
 */
export function useEmulator(options?: EmulatorOptions): StartedEmulator & { readonly env: Record<string, string> } {
  let started: StartedEmulator | undefined;
  const get = (): StartedEmulator => {
    if (!started) throw new Error('useEmulator: the emulator is used outside a test');
    return started;
  };
  beforeAll(async () => {
    started = await startEmulator(options);
  });
  afterAll(async () => started?.close());
  beforeEach(() => {
    const { emulator, server } = get();
    emulator.reset();
    emulator.faults.clear();
    server.resetHandlers();
    server.requests.length = 0;
  });
  return {
    get url() {
      return get().url;
    },
    get emulator() {
      return get().emulator;
    },
    get server() {
      return get().server;
    },
    get env() {
      return emulatorEnv(get().url);
    },
    close: () => get().close(),
  };
}
