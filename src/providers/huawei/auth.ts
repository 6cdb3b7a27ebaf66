import { AuthError } from '../../errors.js';
import { createHeaderTokenAuth } from '../../http/auth/header-token.js';
import { createHuaweiAkskAuth } from '../../http/auth/huawei-sign.js';
import { createIamTokenAuth, type IamPasswordIdentity } from '../../http/auth/iam-token.js';
import type { AuthStep } from '../../http/types.js';
import type { Secret } from '../../model/secret.js';
import type { ProviderDeps } from '../deps.js';

/** Huawei credentials, shared by CodeArts and ServiceStage. First usable one wins, in this order. */
export interface HuaweiAuthOptions {
  /** An IAM token, sent as X-Auth-Token. */
  token?: Secret | undefined;
  accessKey?: string | undefined;
  secretKey?: Secret | undefined;
  /** Temporary AK/SK come with a security token. */
  securityToken?: Secret | undefined;
  /** IAM user + password, exchanged for a project-scoped token that is cached between runs. */
  iam?: IamPasswordIdentity | undefined;
  /** Where the credentials came from, for the error when IAM refuses the password. */
  iamSource?: string | undefined;
}

export function createHuaweiAuth(options: HuaweiAuthOptions, deps: ProviderDeps, providerLabel: string): AuthStep {
  if (options.token) return createHeaderTokenAuth('x-auth-token', options.token, 'x-auth-token');
  if (options.accessKey && options.secretKey) {
    return createHuaweiAkskAuth(
      { accessKey: options.accessKey, secretKey: options.secretKey, securityToken: options.securityToken },
      deps,
    );
  }
  if (options.iam) {
    const refusedHint = `check the IAM user, password and account name${options.iamSource ? ` (from ${options.iamSource})` : ''}`;
    return createIamTokenAuth(options.iam, { ...deps, refusedHint });
  }
  throw new AuthError(`${providerLabel} needs Huawei Cloud credentials`, {
    hint: 'set HUAWEICLOUD_TOKEN, or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or an IAM user (profile or HOOKCTL_IAM_*); see hookctl auth status',
  });
}
