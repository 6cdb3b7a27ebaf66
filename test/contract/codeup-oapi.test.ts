import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { Secret } from '../../src/model/secret.js';
import { createCodeupOapiProvider } from '../../src/providers/codeup-oapi/adapter.js';
import { describeProviderContract } from './contract.js';

describeProviderContract({
  name: 'codeup oapi (x-yunxiao-token)',
  makeProvider: (endpoint, deps, { pageSize, badCredentials }) =>
    createCodeupOapiProvider({ endpoint, pageSize, token: new Secret(badCredentials ? 'pt-wrong-token' : C.codeupToken) }, deps),
  target: { provider: 'codeup', organizationId: 'org-contract', projectId: '101' },
  spec: { url: 'https://ci.example.com/hook', events: ['push', 'tag_push'], description: 'ci' },
  change: { url: 'https://ci.example.com/moved', events: ['merge_request', 'note'], sslVerify: false },
  unsupported: { url: 'https://ci.example.com/hook', name: 'ci' },
  serverError: (requestId) => ({
    body: { errorCode: 'InternalServerError', errorMessage: 'internal error' },
    headers: { 'x-request-id': requestId },
  }),
  credentials: [C.codeupToken, 'pt-wrong-token'],
});
