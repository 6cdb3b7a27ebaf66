import type { ResolvedSettings } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import type { ProviderId } from '../model/target.js';
import type { ProviderDeps } from './deps.js';
import type { Provider } from './types.js';

/**
 * The one file that knows every provider. Each is imported on first use, so a run that touches
 * only CodeArts never loads the Alibaba signer.
 */
export async function loadProvider(id: ProviderId, settings: ResolvedSettings, deps: ProviderDeps): Promise<Provider> {
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
  };
  switch (id) {
    case 'codeup': {
      const { codeup } = settings;
      const endpoint = url(codeup.endpoint.value, `codeup endpoint (${codeup.endpoint.source})`);
      const { createCodeupV3Provider } = await import('./codeup/index.js');
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
      const { createCodeArtsProvider } = await import('./codearts/index.js');
      return createCodeArtsProvider({ endpoint, auth: huaweiAuth, projectId: settings.codearts.projectId?.value }, deps);
    }
    case 'servicestage': {
      const endpoint = url(settings.servicestage.endpoint.value, `servicestage endpoint (${settings.servicestage.endpoint.source})`);
      const { createServiceStageProvider } = await import('./servicestage/index.js');
      return createServiceStageProvider({ endpoint, auth: huaweiAuth, repoAuth: settings.servicestage.repoAuth?.value }, deps);
    }
  }
}

/** Region → default endpoint, without loading the adapters' heavy modules. */
export { codeartsEndpoint } from './codearts/facts.js';
export { SERVICESTAGE } from './servicestage/facts.js';
