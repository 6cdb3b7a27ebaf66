/** ServiceStage (Huawei Cloud): targets, credentials (shared Huawei ones + repository authorization) and the factory. */
import { NOT_CONFIGURED, plainRow } from '../credentials.js';
import { endpointUrl } from '../endpoint.js';
import { HUAWEI_INSTRUCTIONS, huaweiLogin } from '../huawei/login.js';
import { huaweiSettings } from '../huawei/section.js';
import { describeHuaweiAuth, huaweiAuthOptions, huaweiLoginCheck } from '../huawei/settings.js';
import type { ProviderDefinition } from '../types.js';
import { servicestageAbout } from './about.js';
import { servicestageCapabilities } from './capabilities.js';
import { servicestageSettings } from './settings.js';
import type { ServiceStageTarget } from './target.js';

export const servicestage: ProviderDefinition<ServiceStageTarget> = {
  ...servicestageAbout,
  demo: { target: 'servicestage:0123456789abcdef0123456789abcdef/demo/web/app', spec: { url: 'https://ci.example.com/servicestage' } },
  // Every hook has one: required on create (never returned).
  reportsSecret: true,
  settings: [huaweiSettings, servicestageSettings],
  capabilities: () => servicestageCapabilities,
  describeAuth(settings) {
    const huawei = describeHuaweiAuth(settings);
    const configured = huawei.mode !== NOT_CONFIGURED;
    const { repoAuth, endpoint } = settings.servicestage;
    const repoAuthRows = repoAuth ? plainRow('repoAuth', repoAuth) : [{ name: 'repoAuth', value: '(not set)', source: 'set SERVICESTAGE_REPO_AUTH' }];
    const description = {
      mode: huawei.mode,
      configured: configured && repoAuth !== undefined,
      endpoint,
      credentials: configured ? [...huawei.credentials, ...repoAuthRows] : [],
    };
    return configured && !repoAuth ? { ...description, missing: 'the repository authorization name (SERVICESTAGE_REPO_AUTH)' } : description;
  },
  loginCheck: huaweiLoginCheck,
  login: {
    ...huaweiLogin,
    instructions: [
      ...HUAWEI_INSTRUCTIONS,
      'Permissions: the IAM user needs ServiceStage access; the repository authorization (ServiceStage > Repository Authorization) names the Git account its hooks use.',
      'The credentials are Huawei Cloud-wide: CodeArts uses the same login.',
    ],
    extras: [{ variable: 'SERVICESTAGE_REPO_AUTH', flag: '--repo-auth', label: 'Repository authorization name' }],
  },
  async load(settings, deps) {
    const endpoint = endpointUrl(settings.servicestage.endpoint, 'servicestage endpoint');
    const { createServiceStageProvider } = await import('./adapter.js');
    return createServiceStageProvider({ endpoint, auth: huaweiAuthOptions(settings), repoAuth: settings.servicestage.repoAuth?.value }, deps);
  },
};
