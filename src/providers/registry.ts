import type { ResolvedSettings } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import type { ProviderId } from '../model/target.js';
import type { ProviderDeps } from './deps.js';
import type { Provider } from './types.js';

/**
 * The one file that knows every provider. Each is imported on first use, so a run that touches
 * only CodeArts never loads the Alibaba signer. Every adapter comes wrapped in the safe writes of
 * safe-create.ts, so no adapter retries or deduplicates a create on its own.
 */
export async function loadProvider(id: ProviderId, settings: ResolvedSettings, deps: ProviderDeps): Promise<Provider> {
  const [adapter, { withSafeWrites }] = await Promise.all([loadAdapter(id, settings, deps), import('./safe-create.js')]);
  return withSafeWrites(adapter, deps);
}

async function loadAdapter(id: ProviderId, settings: ResolvedSettings, deps: ProviderDeps): Promise<Provider> {
  const url = (value: string, what: string) => {
    try {
      return new URL(value);
    } catch {
      throw new UsageError(`${what}: "${value}" is not a URL`);
    }
  };
  const huaweiAuth = {
    token: settings.huawei.token?.value,
    accessKey: settings.huawei.accessKey?.value,
    secretKey: settings.huawei.secretKey?.value,
    securityToken: settings.huawei.securityToken?.value,
    iam: huaweiIamIdentity(settings),
    iamSource: settings.huawei.iam?.source,
  };
  switch (id) {
    case 'codeup': {
      const { codeup } = settings;
      deps.debug?.(`codeup: mode ${codeup.mode.value} (${codeup.mode.source}), endpoint ${codeup.endpoint.value} (${codeup.endpoint.source})`);
      const endpoint = url(codeup.endpoint.value, `codeup endpoint (${codeup.endpoint.source})`);
      if (codeup.mode.value === 'oapi') {
        const { createCodeupOapiProvider } = await import('./codeup-oapi/adapter.js');
        return createCodeupOapiProvider({ endpoint, token: codeup.token?.value }, deps);
      }
      const { createCodeupV3Provider } = await import('./codeup-v3/adapter.js');
      return createCodeupV3Provider(
        {
          endpoint,
          accessKeyId: codeup.accessKeyId?.value,
          accessKeySecret: codeup.accessKeySecret?.value,
          securityToken: codeup.securityToken?.value,
          token: codeup.token?.value,
        },
        deps,
      );
    }
    case 'codearts': {
      const endpoint = url(settings.codearts.endpoint.value, `codearts endpoint (${settings.codearts.endpoint.source})`);
      const { createCodeArtsProvider } = await import('./codearts/adapter.js');
      // AK/SK without a project id: looked up once from IAM by region, as the official SDK does.
      const aksk = !huaweiAuth.token && huaweiAuth.accessKey !== undefined && !settings.codearts.projectId;
      const projectLookup = aksk
        ? { iamEndpoint: url(settings.huawei.iamEndpoint.value, `IAM endpoint (${settings.huawei.iamEndpoint.source})`), region: settings.huawei.region.value }
        : undefined;
      return createCodeArtsProvider({ endpoint, auth: huaweiAuth, projectId: settings.codearts.projectId?.value, projectLookup }, deps);
    }
    case 'servicestage': {
      const endpoint = url(settings.servicestage.endpoint.value, `servicestage endpoint (${settings.servicestage.endpoint.source})`);
      const { createServiceStageProvider } = await import('./servicestage/adapter.js');
      return createServiceStageProvider({ endpoint, auth: huaweiAuth, repoAuth: settings.servicestage.repoAuth?.value }, deps);
    }
  }
}

/** Huawei IAM's regional endpoint (codearts.md §4a); `HOOKCTL_IAM_ENDPOINT` overrides it. */
export const huaweiIamEndpoint = (region: string): string => `https://iam.${region}.myhuaweicloud.com`;

/** The IAM login the settings describe, if any: the token is scoped to the region's project by default. */
function huaweiIamIdentity(settings: ResolvedSettings) {
  const iam = settings.huawei.iam?.value;
  if (!iam) return undefined;
  const { value, source } = settings.huawei.iamEndpoint;
  let endpoint: URL;
  try {
    endpoint = new URL(value);
  } catch {
    throw new UsageError(`IAM endpoint (${source}): "${value}" is not a URL`);
  }
  return { endpoint, domain: iam.domain, user: iam.user, password: iam.password, project: iam.project ?? settings.huawei.region.value };
}

/**
 * `auth status --check` in IAM password mode: one fresh login (which also refreshes the token
 * cache). Returns what was checked, or undefined when the settings hold no IAM password.
 */
export async function checkHuaweiLogin(settings: ResolvedSettings, deps: ProviderDeps): Promise<string | undefined> {
  const identity = huaweiIamIdentity(settings);
  if (!identity) return undefined;
  const { createIamTokenAuth } = await import('../http/auth/iam-token.js');
  await createIamTokenAuth(identity, deps).renew?.();
  return `IAM login at ${identity.endpoint.host} as ${identity.user} (account ${identity.domain}, project ${identity.project})`;
}

/** Region → default endpoint, without loading the adapters' heavy modules. */
export { codeartsEndpoint } from './codearts/facts.js';
export { SERVICESTAGE } from './servicestage/facts.js';
