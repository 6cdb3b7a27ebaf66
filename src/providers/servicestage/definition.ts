/** ServiceStage (Huawei Cloud): targets, credentials (shared Huawei ones + repository authorization) and the factory. */
import { NOT_CONFIGURED, plainRow } from '../credentials.js';
import { endpointUrl } from '../endpoint.js';
import { huaweiSettings } from '../huawei/section.js';
import { describeHuaweiAuth, huaweiAuthOptions, huaweiLoginCheck } from '../huawei/settings.js';
import type { ProviderDefinition } from '../types.js';
import { servicestageCapabilities } from './capabilities.js';
import { servicestageDelivery } from './delivery.js';
import { servicestageSettings } from './settings.js';
import { type ServiceStageTarget, servicestageTarget } from './target.js';

export const servicestage: ProviderDefinition<ServiceStageTarget> = {
  id: 'servicestage',
  name: 'ServiceStage',
  help: {
    create: 'printf %s "$SECRET" | hookctl hooks create servicestage:PID/ns/repo --url https://ci.example.com/h --secret-stdin',
    export: "hookctl export 'servicestage:PID/prod/*' > hooks.yaml",
  },
  demo: { target: 'servicestage:0123456789abcdef0123456789abcdef/demo/web/app', spec: { url: 'https://ci.example.com/servicestage' } },
  target: servicestageTarget,
  // Every hook has one: required on create (never returned).
  reportsSecret: true,
  delivery: servicestageDelivery,
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
  async load(settings, deps) {
    const endpoint = endpointUrl(settings.servicestage.endpoint, 'servicestage endpoint');
    const { createServiceStageProvider } = await import('./adapter.js');
    return createServiceStageProvider({ endpoint, auth: huaweiAuthOptions(settings), repoAuth: settings.servicestage.repoAuth?.value }, deps);
  },
};
