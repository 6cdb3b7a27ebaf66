/** The Huawei Cloud login both Huawei providers share: what to paste, and one IAM call to check it. */
import type { ResolvedSettings } from '../../config/resolve.js';
import type { ProviderDeps } from '../deps.js';
import { endpointUrl } from '../endpoint.js';
import type { ProviderLogin } from '../types.js';
import { huaweiAuthOptions, huaweiLoginCheck, huaweiModeOf } from './settings.js';

/**
 * KeystoneListProjects `GET /v3/projects?name=<region>` at the IAM endpoint: what the official
 * SDKs call to learn a region's project id, and it takes an IAM token or an AK/SK signature alike
 * (Huawei IAM API reference "Querying Project Information Based on the Specified Criteria").
 */
export const IAM_PROJECTS_PATH = '/v3/projects';

const IAM_LABEL = 'Huawei Cloud IAM';

/** The login's live call: an IAM password login where that is the mode, else the region's project list. */
export async function checkHuaweiLogin(settings: ResolvedSettings, deps: ProviderDeps): Promise<string> {
  if (huaweiModeOf(settings.huawei) === 'iam') return huaweiLoginCheck.run(settings, deps);
  const endpoint = endpointUrl(settings.huawei.iamEndpoint, 'IAM endpoint');
  const region = settings.huawei.region.value;
  const [{ createHuaweiAuth }, { clientFor }, { huaweiError }] = await Promise.all([import('./auth.js'), import('../deps.js'), import('./errors.js')]);
  const http = clientFor(deps, endpoint, createHuaweiAuth(huaweiAuthOptions(settings), deps, IAM_LABEL));
  const res = await http.send({
    method: 'GET',
    path: IAM_PROJECTS_PATH,
    query: { name: region },
    headers: { accept: 'application/json', 'content-type': 'application/json' },
  });
  if (res.status >= 400) throw huaweiError(res, IAM_LABEL);
  return `IAM at ${endpoint.host} accepted it (the projects of region ${region})`;
}

export const HUAWEI_INSTRUCTIONS = [
  'Paste an IAM token, or log in with an AccessKey pair (--access-key ID, the secret key pasted or on stdin).',
  'AccessKey pair: Huawei Cloud console > My Credentials > Access Keys (it does not expire; an IAM token lasts 24 h).',
  'IAM token: POST https://iam.<region>.myhuaweicloud.com/v3/auth/tokens, the X-Subject-Token header of the answer.',
] as const;

/** The Huawei Cloud part of a CodeArts or ServiceStage login. */
export const huaweiLogin = {
  token: { variable: 'HUAWEICLOUD_TOKEN', label: 'IAM token' },
  accessKey: { id: 'HUAWEICLOUD_SDK_AK', secret: 'HUAWEICLOUD_SDK_SK' },
  check: checkHuaweiLogin,
} satisfies Partial<ProviderLogin>;
