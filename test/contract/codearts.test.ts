import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { Secret } from '../../src/model/secret.js';
import { createCodeArtsProvider } from '../../src/providers/codearts/adapter.js';
import { describeProviderContract } from './contract.js';

describeProviderContract({
  name: 'codearts (X-Auth-Token)',
  makeProvider: (endpoint, deps, { pageSize, badCredentials }) =>
    createCodeArtsProvider({ endpoint, pageSize, auth: { token: new Secret(badCredentials ? 'wrong-token' : C.huawei.iamToken) } }, deps),
  target: { provider: 'codearts', groupId: '77' },
  spec: { url: 'https://ci.example.com/hook', name: 'ci', events: ['push', 'tag_push'] },
  change: { url: 'https://ci.example.com/moved', events: ['merge_request', 'note'] },
  unsupported: { url: 'https://ci.example.com/hook', name: 'ci', sslVerify: false },
  serverError: (requestId) => ({ body: { error_code: 'CH.000001', error_msg: 'internal error', request_id: requestId } }),
  credentials: [C.huawei.iamToken],
});

describeProviderContract({
  name: 'codearts (AK/SK signature)',
  makeProvider: (endpoint, deps, { pageSize, badCredentials }) =>
    createCodeArtsProvider(
      { endpoint, pageSize, auth: { accessKey: C.huawei.accessKey, secretKey: new Secret(badCredentials ? 'wrong-secret-key' : C.huawei.secretKey) } },
      deps,
    ),
  target: { provider: 'codearts', groupId: '78' },
  spec: { url: 'https://ci.example.com/hook', name: 'ci' },
  change: { url: 'https://ci.example.com/moved', events: ['push', 'note'], noteFilters: ['deploy'] },
  unsupported: { url: 'https://ci.example.com/hook', name: 'ci', sslVerify: true },
  serverError: (requestId) => ({ body: { error_code: 'CH.000001', error_msg: 'internal error' }, headers: { 'x-request-id': requestId } }),
  credentials: [C.huawei.secretKey, 'wrong-secret-key'],
});

// Repository hooks (`codearts:repo/<id>`, /v4/repositories/{id}/hooks): the same five operations and fields as group hooks.
describeProviderContract({
  name: 'codearts repository hooks (X-Auth-Token)',
  makeProvider: (endpoint, deps, { pageSize, badCredentials }) =>
    createCodeArtsProvider({ endpoint, pageSize, auth: { token: new Secret(badCredentials ? 'wrong-token' : C.huawei.iamToken) } }, deps),
  target: { provider: 'codearts', repositoryId: '2001' },
  spec: { url: 'https://ci.example.com/hook', name: 'ci', events: ['push', 'tag_push'] },
  change: { url: 'https://ci.example.com/moved', events: ['merge_request', 'note'], noteFilters: ['deploy'] },
  unsupported: { url: 'https://ci.example.com/hook', name: 'ci', sslVerify: false },
  serverError: (requestId) => ({ body: { error_code: 'CH.000001', error_msg: 'internal error', request_id: requestId } }),
  credentials: [C.huawei.iamToken],
});
