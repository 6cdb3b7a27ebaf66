/** CodeArts Repo (Huawei Cloud): targets, credentials (shared Huawei ones + project id) and the factory. */
import { NOT_CONFIGURED, plainRow } from '../credentials.js';
import { endpointUrl } from '../endpoint.js';
import { HUAWEI_INSTRUCTIONS, huaweiLogin } from '../huawei/login.js';
import { huaweiSettings } from '../huawei/section.js';
import { describeHuaweiAuth, huaweiAuthOptions, huaweiLoginCheck, huaweiModeOf } from '../huawei/settings.js';
import type { ProviderDefinition } from '../types.js';
import { codeartsAbout } from './about.js';
import { codeartsCapabilities } from './capabilities.js';
import { codeartsSettings } from './settings.js';
import type { CodeArtsTarget } from './target.js';

export const codearts: ProviderDefinition<CodeArtsTarget> = {
  ...codeartsAbout,
  demo: { target: 'codearts:77', spec: { url: 'https://ci.example.com/codearts', name: 'ci', events: ['push', 'merge_request'] } },
  // The listing returns `token` masked when one is set.
  reportsSecret: true,
  settings: [huaweiSettings, codeartsSettings],
  capabilities: () => codeartsCapabilities,
  describeAuth(settings) {
    const huawei = describeHuaweiAuth(settings);
    const configured = huawei.mode !== NOT_CONFIGURED;
    const credentials = configured ? [...huawei.credentials, ...plainRow('projectId', settings.codearts.projectId)] : [];
    return { mode: huawei.mode, configured, endpoint: settings.codearts.endpoint, credentials };
  },
  loginCheck: huaweiLoginCheck,
  login: {
    ...huaweiLogin,
    instructions: [
      ...HUAWEI_INSTRUCTIONS,
      'Permissions: the IAM user needs CodeArts Repo access to the repository groups (a role that may manage their webhooks, e.g. Owner or Maintainer).',
      'The credentials are Huawei Cloud-wide: ServiceStage uses the same login.',
    ],
  },
  async load(settings, deps) {
    const endpoint = endpointUrl(settings.codearts.endpoint, 'codearts endpoint');
    const { createCodeArtsProvider } = await import('./adapter.js');
    // AK/SK without a project id: looked up once from IAM by region, as the official SDK does.
    const aksk = huaweiModeOf(settings.huawei) === 'aksk' && !settings.codearts.projectId;
    const projectLookup = aksk ? { iamEndpoint: endpointUrl(settings.huawei.iamEndpoint, 'IAM endpoint'), region: settings.huawei.region.value } : undefined;
    return createCodeArtsProvider({ endpoint, auth: huaweiAuthOptions(settings), projectId: settings.codearts.projectId?.value, projectLookup }, deps);
  },
};
