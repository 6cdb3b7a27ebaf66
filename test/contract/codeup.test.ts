import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { Secret } from '../../src/model/secret.js';
import { createCodeupV3Provider } from '../../src/providers/codeup-v3/adapter.js';
import { describeProviderContract } from './contract.js';

describeProviderContract({
  name: 'codeup v3 (ROA signature, as the official client + AccessToken)',
  makeProvider: (endpoint, deps, { pageSize, badCredentials }) =>
    createCodeupV3Provider(
      {
        endpoint,
        pageSize,
        accessKeyId: C.alibaba.accessKeyId,
        accessKeySecret: new Secret(badCredentials ? 'wrong-alibaba-secret' : C.alibaba.accessKeySecret),
        token: new Secret(C.codeupToken),
      },
      deps,
    ),
  target: { provider: 'codeup', organizationId: 'org-contract', projectId: '100' },
  spec: { url: 'https://ci.example.com/hook', events: ['push', 'tag_push'], description: 'ci' },
  change: { url: 'https://ci.example.com/moved', events: ['merge_request'] },
  unsupported: { url: 'https://ci.example.com/hook', branchFilter: 'main' },
  serverError: (requestId) => ({ body: { RequestId: requestId, Success: false, ErrorCode: 'SYSTEM_UNKNOWN_ERROR', ErrorMessage: 'unknown error' } }),
  credentials: [C.alibaba.accessKeySecret, C.codeupToken, 'wrong-alibaba-secret'],
});

describeProviderContract({
  name: 'codeup v3 (profile codeup.signature: acs3 + AccessToken)',
  makeProvider: (endpoint, deps, { pageSize, badCredentials }) =>
    createCodeupV3Provider(
      {
        endpoint,
        pageSize,
        accessKeyId: C.alibaba.accessKeyId,
        accessKeySecret: new Secret(badCredentials ? 'wrong-alibaba-secret' : C.alibaba.accessKeySecret),
        token: new Secret(C.codeupToken),
        signature: 'acs3',
      },
      deps,
    ),
  target: { provider: 'codeup', organizationId: 'org-contract', projectId: '100' },
  spec: { url: 'https://ci.example.com/hook', events: ['push', 'tag_push'], description: 'ci' },
  change: { url: 'https://ci.example.com/moved', events: ['merge_request'] },
  unsupported: { url: 'https://ci.example.com/hook', branchFilter: 'main' },
  serverError: (requestId) => ({ body: { RequestId: requestId, Success: false, ErrorCode: 'SYSTEM_UNKNOWN_ERROR', ErrorMessage: 'unknown error' } }),
  credentials: [C.alibaba.accessKeySecret, C.codeupToken, 'wrong-alibaba-secret'],
});
