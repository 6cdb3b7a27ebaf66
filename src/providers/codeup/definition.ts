/**
 * Codeup (Alibaba Cloud): one target grammar, one settings section, two adapters — OpenAPI v3
 * (AK/SK signed, codeup-v3/) and the Yunxiao OpenAPI (personal token, codeup-oapi/) — chosen by
 * the settled API mode (config/codeup-mode.ts).
 */
import type { ResolvedSettings } from '../../config/resolve.js';
import { codeupOapiCapabilities } from '../codeup-oapi/capabilities.js';
import { codeupV3Capabilities } from '../codeup-v3/capabilities.js';
import type { AuthDescription } from '../credentials.js';
import { hiddenRow, keyIdRow, NOT_CONFIGURED } from '../credentials.js';
import { endpointUrl } from '../endpoint.js';
import type { ProviderDefinition } from '../types.js';
import { codeupAbout } from './about.js';
import { codeupSettings } from './settings.js';
import type { CodeupTarget } from './target.js';

function describeAuth(settings: ResolvedSettings): AuthDescription {
  const c = settings.codeup;
  const base = { endpoint: c.endpoint };
  if (c.mode.value === 'oapi') {
    return {
      ...base,
      mode: c.token ? 'Yunxiao OpenAPI personal token' : NOT_CONFIGURED,
      configured: c.token !== undefined,
      credentials: hiddenRow('token', c.token),
    };
  }
  if (!c.accessKeyId || !c.accessKeySecret) {
    // v3 signs every request: a personal token alone cannot call it.
    return { ...base, mode: NOT_CONFIGURED, configured: false, credentials: hiddenRow('token', c.token) };
  }
  const mode = `v3 AK/SK ${c.signature?.value === 'acs3' ? 'ACS3 ' : ''}signature${c.securityToken ? ' (STS)' : ''}${c.token ? ' + AccessToken' : ''}`;
  const credentials = [
    ...keyIdRow('accessKeyId', c.accessKeyId),
    ...hiddenRow('accessKeySecret', c.accessKeySecret),
    ...hiddenRow('securityToken', c.securityToken),
    ...hiddenRow('token', c.token),
  ];
  return { ...base, mode, configured: true, credentials };
}

export const codeup: ProviderDefinition<CodeupTarget> = {
  ...codeupAbout,
  demo: { target: 'codeup:demo-org/100', spec: { url: 'https://ci.example.com/codeup', events: ['push', 'tag_push'] } },
  // Both APIs return the secret (v3 `SecretToken` in clear, the Yunxiao OpenAPI `token` masked).
  reportsSecret: true,
  settings: [codeupSettings],
  capabilities: (settings) => (settings.codeup.mode.value === 'oapi' ? codeupOapiCapabilities : codeupV3Capabilities),
  describeAuth,
  // Neither Codeup API has a call hookctl makes without a repository: the check lists a --target's hooks.
  login: {
    token: { variable: 'CODEUP_TOKEN', label: 'personal access token' },
    accessKey: { id: 'ALIBABA_CLOUD_ACCESS_KEY_ID', secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET' },
    instructions: [
      'Paste a Yunxiao personal access token (pt-…): Yunxiao > your avatar > Personal Settings > Personal Access Tokens.',
      'Permissions: Code Management > Webhook: read and write, and Repository: read.',
      'Or an AccessKey pair (--access-key ID; RAM console > AccessKey) for the v3 API, whose RAM user may call Codeup.',
      'The check lists the hooks of one repository: --target codeup:<organizationId>/<projectId>.',
    ],
  },
  async load(settings, deps) {
    const c = settings.codeup;
    deps.debug?.(`codeup: mode ${c.mode.value} (${c.mode.source}), endpoint ${c.endpoint.value} (${c.endpoint.source})`);
    const endpoint = endpointUrl(c.endpoint, 'codeup endpoint');
    if (c.mode.value === 'oapi') {
      const { createCodeupOapiProvider } = await import('../codeup-oapi/adapter.js');
      return createCodeupOapiProvider({ endpoint, token: c.token?.value }, deps);
    }
    const { createCodeupV3Provider } = await import('../codeup-v3/adapter.js');
    return createCodeupV3Provider(
      {
        endpoint,
        accessKeyId: c.accessKeyId?.value,
        accessKeySecret: c.accessKeySecret?.value,
        securityToken: c.securityToken?.value,
        token: c.token?.value,
        signature: c.signature?.value,
      },
      deps,
    );
  },
};
