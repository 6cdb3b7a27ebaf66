/**
 * The emulator on a real loopback port, behind msw: the handler list ends with a catch-all that
 * delegates to `emulator.handle`, so a test can `server.use(...)` overrides and faults in front.
 */
import { http } from 'msw';
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
