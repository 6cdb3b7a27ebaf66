/**
 * Discovery at the DEFAULT bounds against the emulator's fan-out mode (every repository listing
 * holds 1000 items, every CodeArts group has 1000 new subgroups, without end). The hostile-provider
 * suite runs its fan-out cells with lower --max-groups / --max-repositories, because there each
 * discovered target is also listed; this proves that at the defaults every provider's discovery
 * still ends, in a few hundred requests, and that where the server never stops a bound trips and
 * says so (never a partial list passed off as complete).
 */
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { fleetCodeartsProject } from '../../src/emulator/fleet.js';
import { FAN_OUT_WIDTH } from '../../src/emulator/hostile.js';
import { BoundError } from '../../src/errors.js';
import { Redactor } from '../../src/http/redact.js';
import { createUndiciTransport } from '../../src/http/transport.js';
import { DEFAULT_BOUNDS } from '../../src/model/bounds.js';
import { Secret } from '../../src/model/secret.js';
import { createCodeArtsProvider } from '../../src/providers/codearts/adapter.js';
import { createCodeupOapiProvider } from '../../src/providers/codeup-oapi/adapter.js';
import { createCodeupV3Provider } from '../../src/providers/codeup-v3/adapter.js';
import type { ProviderDeps } from '../../src/providers/deps.js';
import { parsePattern } from '../../src/providers/registry.js';
import { createServiceStageProvider } from '../../src/providers/servicestage/adapter.js';
import type { Provider } from '../../src/providers/types.js';
import { useEmulator } from '../helpers/emulator.js';

const SEED = 11;
const PROJECT = fleetCodeartsProject(SEED);
const PID = C.huawei.project.id;
const emu = useEmulator({ fleet: { size: 7, seed: SEED }, hostile: 'fan-out' });
const transport = createUndiciTransport({ timeoutMs: 10_000 });
// No `bounds` in the deps: every adapter falls back to DEFAULT_BOUNDS, as a run without flags does.
const deps = (): ProviderDeps => ({ transport, redactor: new Redactor(), now: () => new Date(), nonce: () => crypto.randomUUID() });
const endpoint = () => new URL(emu.url);

/** Expands to the end or the first error; counts the targets and the time. */
async function discover(provider: Provider, input: string): Promise<{ found: number; error: unknown; ms: number }> {
  const { pattern } = parsePattern(input);
  const started = performance.now();
  let found = 0;
  try {
    for await (const _ of provider.expand?.(pattern) ?? []) found++;
    return { found, error: undefined, ms: performance.now() - started };
  } catch (error) {
    return { found, error, ms: performance.now() - started };
  }
}

describe('fan-out discovery at the default bounds', () => {
  it.each([
    [
      'codeup v3',
      () =>
        createCodeupV3Provider({ endpoint: endpoint(), accessKeyId: C.alibaba.accessKeyId, accessKeySecret: new Secret(C.alibaba.accessKeySecret) }, deps()),
    ],
    ['codeup oapi', () => createCodeupOapiProvider({ endpoint: endpoint(), token: new Secret(C.codeupToken) }, deps())],
  ])(`%s: the ${FAN_OUT_WIDTH} repositories of the organization, then the end (the bound is far off)`, async (_name, make) => {
    const out = await discover(make(), 'codeup:fleet-org/*');
    expect(out.error).toBeUndefined();
    expect(out.found).toBe(FAN_OUT_WIDTH);
    expect(DEFAULT_BOUNDS.maxRepositories).toBeGreaterThan(FAN_OUT_WIDTH);
    expect(emu.server.requests.length).toBeLessThanOrEqual(FAN_OUT_WIDTH / 100 + 1);
  });

  it(`codearts: a group tree without end stops at the groups bound (${DEFAULT_BOUNDS.maxGroups}) after a few pages`, async () => {
    const provider = createCodeArtsProvider({ endpoint: endpoint(), auth: { token: new Secret(C.huawei.iamToken) } }, deps());
    const out = await discover(provider, `codearts:project/${PROJECT}/*`);
    expect(out.error).toBeInstanceOf(BoundError);
    expect((out.error as BoundError).bound).toBe('maxGroups');
    expect((out.error as Error).message).toContain(`stopped at the bound "groups visited" (${DEFAULT_BOUNDS.maxGroups} groups; raise it with --max-groups)`);
    expect(out.found).toBeGreaterThanOrEqual(DEFAULT_BOUNDS.maxGroups);
    expect(emu.server.requests.length).toBeLessThan(50);
  });

  it(`servicestage: ${FAN_OUT_WIDTH} namespaces of ${FAN_OUT_WIDTH} projects stop at the repositories bound (${DEFAULT_BOUNDS.maxRepositories})`, async () => {
    const provider = createServiceStageProvider(
      { endpoint: endpoint(), repoAuth: C.servicestageRepoAuth, auth: { token: new Secret(C.huawei.iamToken) } },
      deps(),
    );
    const out = await discover(provider, `servicestage:${PID}/*/*`);
    expect(out.error).toBeInstanceOf(BoundError);
    expect((out.error as BoundError).bound).toBe('maxRepositories');
    expect(out.found).toBe(DEFAULT_BOUNDS.maxRepositories);
    // The namespace list, then one project list per namespace until the bound.
    expect(emu.server.requests.length).toBeLessThanOrEqual(DEFAULT_BOUNDS.maxRepositories / FAN_OUT_WIDTH + 2);
  });
});
