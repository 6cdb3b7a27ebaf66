import { AuthError } from '../../errors.js';
import { createHeaderTokenAuth } from '../../http/auth/header-token.js';
import { createHuaweiAkskAuth } from '../../http/auth/huawei-sign.js';
import { createIamTokenAuth } from '../../http/auth/iam-token.js';
import type { AuthStep } from '../../http/types.js';
import type { ProviderDeps } from '../deps.js';
import { type HuaweiAuthOptions, huaweiModeOf } from './settings.js';

export type { HuaweiAuthOptions };

export function createHuaweiAuth(options: HuaweiAuthOptions, deps: ProviderDeps, providerLabel: string): AuthStep {
  switch (huaweiModeOf(options)) {
    case 'token':
      if (options.token) return createHeaderTokenAuth('x-auth-token', options.token, 'x-auth-token');
      break;
    case 'aksk':
      if (options.accessKey && options.secretKey) {
        return createHuaweiAkskAuth({ accessKey: options.accessKey, secretKey: options.secretKey, securityToken: options.securityToken }, deps);
      }
      break;
    case 'iam':
      if (options.iam) {
        const refusedHint = `check the IAM user, password and account name${options.iamSource ? ` (from ${options.iamSource})` : ''}`;
        return createIamTokenAuth(options.iam, { ...deps, refusedHint });
      }
      break;
  }
  throw new AuthError(`${providerLabel} needs Huawei Cloud credentials`, {
    hint: 'set HUAWEICLOUD_TOKEN, or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or an IAM user (profile or HOOKCTL_IAM_*), or run hookctl auth login codearts; see hookctl auth status',
  });
}
