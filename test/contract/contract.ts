/**
 * The one contract every provider adapter must keep (design §8), run against the emulator over
 * real loopback HTTP through the production undici transport. Each provider's test file is a few
 * lines that call describeProviderContract with its factory and a valid spec.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { AuthError, HookctlError, NotFoundError, ProviderError, UnsupportedError } from '../../src/errors.js';
import { createHookService } from '../../src/hooks/service.js';
import { Redactor } from '../../src/http/redact.js';
import { createUndiciTransport } from '../../src/http/transport.js';
import type { HookSpec } from '../../src/model/hook.js';
import { Secret } from '../../src/model/secret.js';
import type { Target } from '../../src/model/target.js';
import type { ProviderDeps } from '../../src/providers/deps.js';
import { formatTarget } from '../../src/providers/registry.js';
import type { Provider } from '../../src/providers/types.js';
import { useEmulator } from '../helpers/emulator.js';

export interface ContractOptions {
  /** Small pages, so "list finds it across pages" crosses page boundaries. */
  pageSize: number;
  /** Build the adapter with credentials the emulator refuses. */
  badCredentials: boolean;
}

export interface ProviderContract {
  name: string;
  makeProvider(endpoint: URL, deps: ProviderDeps, options: ContractOptions): Provider;
  target: Target;
  /** A valid create spec without a secret; the suite adds one. */
  spec: HookSpec;
  /** What update changes: at least the URL; events where the provider has them. */
  change: Partial<HookSpec>;
  /** A spec that uses a field this provider cannot honour. */
  unsupported: HookSpec;
  /** A 500 answer in the provider's own error shape, carrying `requestId`. */
  serverError(requestId: string): { body: unknown; headers?: Record<string, string> };
  /** Credential values that must never appear in an error. */
  credentials: string[];
}

export function describeProviderContract(contract: ProviderContract): void {
  describe(`provider contract: ${contract.name}`, () => {
    const emu = useEmulator();
    const secret = `contract-secret-${contract.name.replace(/\W/g, '')}-7f3a`;
    const transport = createUndiciTransport({ timeoutMs: 5000 });
    const deps = (): ProviderDeps => ({ transport, redactor: new Redactor(), now: () => new Date(), nonce: () => crypto.randomUUID() });
    const make = (options: Partial<ContractOptions> = {}) =>
      contract.makeProvider(new URL(emu.url), deps(), { pageSize: 2, badCredentials: false, ...options });
    const withSecret = (spec: HookSpec): HookSpec => ({ ...spec, secret: new Secret(secret) });
    const collect = async (provider: Provider) => {
      const hooks = [];
      for await (const hook of provider.list(contract.target)) hooks.push(hook);
      return hooks;
    };
    const expectNoSecrets = (error: unknown) => {
      const text = error instanceof HookctlError ? `${error.message} ${error.hint ?? ''} ${error.details ?? ''}` : String(error);
      for (const value of [secret, ...contract.credentials]) expect(text).not.toContain(value);
    };

    it('create then get round-trips the spec, with the secret masked', async () => {
      const provider = make();
      const created = await provider.create(contract.target, withSecret(contract.spec));
      const fetched = await provider.get(contract.target, created.id);
      expect(fetched.id).toBe(created.id);
      expect(fetched.url).toBe(contract.spec.url);
      expect(fetched.events).toEqual(contract.spec.events ?? ['push']);
      if (contract.spec.name) expect(fetched.name).toBe(contract.spec.name);
      expect(JSON.stringify(fetched)).not.toContain(secret);
      expect(String(fetched.secret)).toBe('******');
    });

    it('list finds every hook across pages', async () => {
      const provider = make({ pageSize: 2 });
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await provider.create(contract.target, withSecret({ ...contract.spec, url: `${contract.spec.url}/${i}` }))).id);
      const listed = await collect(provider);
      expect(listed.map((h) => h.id).sort()).toEqual([...ids].sort());
    });

    it('update changes the URL (and events), and says when the id changed', async () => {
      const provider = make();
      const created = await provider.create(contract.target, withSecret(contract.spec));
      // Update goes through the hook service: replace-style adapters have none of their own.
      const result = await createHookService(provider, {}, formatTarget).update(
        contract.target,
        created.id,
        withSecret({ ...contract.spec, ...contract.change }),
      );
      expect(result.hook.url).toBe(contract.change.url);
      if (contract.change.events) expect(result.hook.events).toEqual(contract.change.events);
      if (provider.capabilities.update === 'replace') {
        expect(result.replacedId).toBe(created.id);
        expect(result.hook.id).not.toBe(created.id);
        await expect(provider.get(contract.target, created.id)).rejects.toBeInstanceOf(NotFoundError);
      } else {
        expect(result.replacedId).toBeUndefined();
        expect(result.hook.id).toBe(created.id);
      }
      const listed = await collect(provider);
      expect(listed).toHaveLength(1);
      expect((await provider.get(contract.target, result.hook.id)).url).toBe(contract.change.url);
    });

    it('delete then get is NotFoundError', async () => {
      const provider = make();
      const created = await provider.create(contract.target, withSecret(contract.spec));
      await provider.delete(contract.target, created.id);
      await expect(provider.get(contract.target, created.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await collect(provider)).toHaveLength(0);
    });

    it('bad credentials are an AuthError that names no secret', async () => {
      const provider = make({ badCredentials: true });
      const error = await provider.create(contract.target, withSecret(contract.spec)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      expectNoSecrets(error);
      expect(emu.emulator.store.snapshot()).toMatchObject({ [contract.target.provider]: expect.anything() });
      expect(await collect(make())).toHaveLength(0);
    });

    it('an unsupported field is refused before any request (the hook service checks the adapter’s capabilities)', async () => {
      const service = createHookService(make(), {}, formatTarget);
      await expect(service.create(contract.target, withSecret(contract.unsupported))).rejects.toBeInstanceOf(UnsupportedError);
      expect(emu.server.requests).toHaveLength(0);
    });

    it('a 500 is a ProviderError carrying the request id, and no secret', async () => {
      const { body, headers } = contract.serverError('req-contract-500');
      emu.server.use(http.all('*', () => HttpResponse.json(body as object, { status: 500, headers })));
      const error = await make()
        .create(contract.target, withSecret(contract.spec))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).info.requestId).toBe('req-contract-500');
      expect((error as ProviderError).info.status).toBe(500);
      expect((error as Error).message).toContain('req-contract-500');
      expectNoSecrets(error);
    });
  });
}
