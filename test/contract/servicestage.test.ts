import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { Secret } from '../../src/model/secret.js';
import { createServiceStageProvider } from '../../src/providers/servicestage/adapter.js';
import { describeProviderContract } from './contract.js';

describeProviderContract({
  name: 'servicestage (X-Auth-Token + X-Repo-Auth)',
  makeProvider: (endpoint, deps, { badCredentials }) =>
    createServiceStageProvider(
      { endpoint, repoAuth: C.servicestageRepoAuth, auth: { token: new Secret(badCredentials ? 'wrong-token' : C.huawei.iamToken) } },
      deps,
    ),
  target: { provider: 'servicestage', projectId: C.huawei.project.id, namespace: 'team', project: 'group/repo' },
  spec: { url: 'https://ci.example.com/hook' },
  change: { url: 'https://ci.example.com/moved' },
  unsupported: { url: 'https://ci.example.com/hook', name: 'not-here' },
  serverError: (requestId) => ({ body: { error_code: 'SVCSTG.00500', error_msg: 'internal error' }, headers: { 'x-request-id': requestId } }),
  credentials: [C.huawei.iamToken],
});

describeProviderContract({
  name: 'servicestage (AK/SK signature)',
  makeProvider: (endpoint, deps, { badCredentials }) =>
    createServiceStageProvider(
      {
        endpoint,
        repoAuth: C.servicestageRepoAuth,
        auth: { accessKey: C.huawei.accessKey, secretKey: new Secret(badCredentials ? 'wrong-secret-key' : C.huawei.secretKey) },
      },
      deps,
    ),
  target: { provider: 'servicestage', projectId: C.huawei.project.id, namespace: 'team', project: 'repo' },
  spec: { url: 'https://ci.example.com/hook', events: ['push'] },
  change: { url: 'https://ci.example.com/moved' },
  unsupported: { url: 'https://ci.example.com/hook', events: ['note'] },
  serverError: (requestId) => ({ body: { error_code: 'SVCSTG.00500', error_msg: 'internal error' }, headers: { 'x-request-id': requestId } }),
  credentials: [C.huawei.secretKey, 'wrong-secret-key'],
});
