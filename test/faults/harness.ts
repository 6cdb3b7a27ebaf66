/**
 * The fault suite's rig: the emulator behind msw on loopback (its request log counts attempts),
 * hookctl in process with an injected sleep that records each wait and returns at once, and the
 * providers each fault runs against.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import type { EmulatorStore } from '../../src/emulator/store.js';
import type { HttpMethod } from '../../src/http/types.js';
import { type RunResult, runMain } from '../helpers/cli.js';
import { type StartedEmulator, startEmulator } from '../helpers/emulator.js';

export const SEED_URL = 'https://ci.example.com/seed';
export const NEW_URL = 'https://ci.example.com/new';
export const MOVED_URL = 'https://ci.example.com/moved';
export const HOOK_SECRET = 'fault-suite-hook-secret';

export interface ProviderCase {
  name: string;
  target: string;
  /** Extra global flags (the Codeup mode). */
  flags: string[];
  /** Flags a create needs on this provider (and an update, which sends the whole hook). */
  createArgs: string[];
  /** The label hookctl's messages use. */
  label: string;
  /** Update is delete + create (the create inside it is the one faulted). */
  replace: boolean;
  /** A DELETE answer has a body the adapter reads (Codeup v3's envelope). */
  deleteReadsBody: boolean;
  urls(store: EmulatorStore): string[];
}

const SS_PROJECT = '0123456789abcdef0123456789abcdef';

export const PROVIDERS: ProviderCase[] = [
  {
    name: 'codeup',
    target: 'codeup:ORG/100',
    flags: [],
    // With a secret: a v3 update (a replace) carries it over, or refuses when it cannot read it.
    createArgs: ['--secret-env', 'HOOK_SECRET'],
    label: 'Codeup (OpenAPI v3)',
    replace: true,
    deleteReadsBody: true,
    urls: (store) => (store.snapshot().codeup['ORG/100'] ?? []).map((h) => h.url),
  },
  {
    name: 'codeup-oapi',
    target: 'codeup:ORG/100',
    flags: ['--codeup-mode', 'oapi'],
    createArgs: [],
    label: 'Codeup (Yunxiao OpenAPI)',
    replace: false,
    deleteReadsBody: false,
    urls: (store) => (store.snapshot().codeup['ORG/100'] ?? []).map((h) => h.url),
  },
  {
    name: 'codearts',
    target: 'codearts:77',
    flags: [],
    createArgs: ['--name', 'ci'],
    label: 'CodeArts Repo',
    replace: false,
    deleteReadsBody: false,
    urls: (store) => (store.snapshot().codearts['77'] ?? []).map((h) => h.url),
  },
  {
    name: 'servicestage',
    target: `servicestage:${SS_PROJECT}/ns/repo`,
    flags: [],
    createArgs: ['--secret-env', 'HOOK_SECRET'],
    label: 'ServiceStage',
    replace: true,
    deleteReadsBody: false,
    urls: (store) => (store.snapshot().servicestage[`${SS_PROJECT}/ns/repo`] ?? []).map((h) => h.url),
  },
];

export type Command = 'create' | 'list' | 'get' | 'update' | 'delete';
export const COMMANDS: Command[] = ['create', 'list', 'get', 'update', 'delete'];

/** The request a fault aims at: the command's own write, or its read. */
export function primaryMethod(command: Command, provider: ProviderCase): HttpMethod {
  if (command === 'create') return 'POST';
  if (command === 'delete') return 'DELETE';
  if (command === 'update') return provider.replace ? 'POST' : 'PUT';
  return 'GET';
}

export function argvFor(command: Command, provider: ProviderCase, id: string): string[] {
  const base = [...provider.flags, '--json'];
  switch (command) {
    case 'create':
      return ['hooks', 'create', provider.target, '--url', NEW_URL, ...provider.createArgs, ...base];
    case 'list':
      return ['hooks', 'list', provider.target, ...base];
    case 'get':
      return ['hooks', 'get', provider.target, id, ...base];
    case 'update':
      return ['hooks', 'update', provider.target, id, '--url', MOVED_URL, ...provider.createArgs.filter((a) => a !== '--name' && a !== 'ci'), ...base];
    case 'delete':
      return ['hooks', 'delete', provider.target, id, '--yes', ...base];
  }
}

export interface FaultRun extends RunResult {
  /** Every wait hookctl asked for, in ms. */
  sleeps: number[];
  /** Requests the emulator received during this run with this method. */
  attempts(method: string): number;
}

export interface Rig {
  emu(): StartedEmulator;
  /** hookctl in process against the emulator, waits recorded instead of slept. */
  run(
    argv: string[],
    options?: { cwd?: string; env?: Record<string, string>; signal?: AbortSignal; sleep?: (ms: number, signal?: AbortSignal) => Promise<void> },
  ): Promise<FaultRun>;
  /** A hook with SEED_URL made without faults; returns its id. */
  seed(provider: ProviderCase): Promise<string>;
  faults(...specs: string[]): void;
}

/** Registers the emulator lifecycle in the calling file and returns the rig. */
export function useFaultRig(): Rig {
  let emu: StartedEmulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    emu = await startEmulator();
    env = { ...emulatorEnv(emu.url), HOOK_SECRET };
  });
  afterAll(async () => emu.close());
  beforeEach(() => {
    emu.emulator.reset();
    emu.emulator.faults.clear();
    emu.server.resetHandlers();
  });

  const run: Rig['run'] = async (argv, options = {}) => {
    const sleeps: number[] = [];
    const mark = emu.server.requests.length;
    const sleep =
      options.sleep ??
      (async (ms: number, signal?: AbortSignal) => {
        sleeps.push(ms);
        if (signal?.aborted) throw signal.reason;
      });
    const deps = { sleep, random: () => 0.5, ...(options.signal ? { signal: options.signal } : {}) };
    const result = await runMain(argv, { env: { ...env, ...options.env }, cwd: options.cwd, deps });
    const seen = emu.server.requests.slice(mark);
    return { ...result, sleeps, attempts: (method) => seen.filter((r) => r.method === method && r.url.includes('hook')).length };
  };

  return {
    emu: () => emu,
    run,
    seed: async (provider) => {
      const out = await run(['hooks', 'create', provider.target, '--url', SEED_URL, ...provider.createArgs, ...provider.flags, '--json']);
      if (out.code !== 0) throw new Error(`seeding ${provider.name} failed: ${out.stderr}`);
      return (JSON.parse(out.stdout) as { id: string }).id;
    },
    faults: (...specs) => emu.emulator.faults.add(specs),
  };
}
