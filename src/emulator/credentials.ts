/**
 * The only credentials the emulator accepts. They are fixed, public values on purpose: the emulator
 * is a rehearsal target on loopback, and scripts, tests and `hookctl demo` must be able to name them.
 * Each field can be overridden through `createEmulator({ credentials })`.
 */
export interface EmulatorCredentials {
  /** Alibaba Cloud AccessKey pair; every Codeup v3 request is signed with it (codeup.md §4). */
  alibaba: { accessKeyId: string; accessKeySecret: string };
  /** Codeup personal access token: the v3 `AccessToken` query and the Yunxiao `x-yunxiao-token` header. */
  codeupToken: string;
  huawei: {
    /** A standing IAM token accepted in `X-Auth-Token` (besides tokens the emulated IAM issues). */
    iamToken: string;
    /** AK/SK pair for APIG `SDK-HMAC-SHA256` signatures (codearts.md §4b). */
    accessKey: string;
    secretKey: string;
    /** The IAM user that may log in with a password at `POST /v3/auth/tokens` (codearts.md §4a). */
    user: { name: string; password: string; domainName: string; domainId: string; id: string };
    /** The one IAM project (region) tokens can be scoped to. */
    project: { id: string; name: string };
  };
  /** Name of the ServiceStage repository authorization sent as `X-Repo-Auth` (servicestage.md §2). */
  servicestageRepoAuth: string;
}

export const EMULATOR_CREDENTIALS: EmulatorCredentials = {
  alibaba: { accessKeyId: 'LTAI5tEmulatorKey0001', accessKeySecret: 'emulator-alibaba-secret' },
  codeupToken: 'pt-emulator-codeup-token',
  huawei: {
    iamToken: 'emulator-huawei-iam-token',
    accessKey: 'HWEMULATORAK0001',
    secretKey: 'emulator-huawei-secret',
    user: {
      name: 'emulator-user',
      password: 'emulator-password',
      domainName: 'emulator-domain',
      // Ids are 32 lower-case hex characters on Huawei IAM; these are made up for the emulator.
      domainId: 'd0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0',
      id: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1',
    },
    project: { id: '0123456789abcdef0123456789abcdef', name: 'cn-north-4' },
  },
  servicestageRepoAuth: 'emulator-repo-auth',
};

/** Partial overrides, one level below each top-level key. */
export type EmulatorCredentialOverrides = {
  alibaba?: Partial<EmulatorCredentials['alibaba']>;
  codeupToken?: string;
  huawei?: Partial<Omit<EmulatorCredentials['huawei'], 'user' | 'project'>> & {
    user?: Partial<EmulatorCredentials['huawei']['user']>;
    project?: Partial<EmulatorCredentials['huawei']['project']>;
  };
  servicestageRepoAuth?: string;
};

export function resolveCredentials(overrides: EmulatorCredentialOverrides = {}): EmulatorCredentials {
  const base = EMULATOR_CREDENTIALS;
  return {
    alibaba: { ...base.alibaba, ...overrides.alibaba },
    codeupToken: overrides.codeupToken ?? base.codeupToken,
    huawei: {
      ...base.huawei,
      ...overrides.huawei,
      user: { ...base.huawei.user, ...overrides.huawei?.user },
      project: { ...base.huawei.project, ...overrides.huawei?.project },
    },
    servicestageRepoAuth: overrides.servicestageRepoAuth ?? base.servicestageRepoAuth,
  };
}

/**
 * The environment a user exports to point hookctl at an emulator listening on `endpoint`
 * (design §5). The IAM token is used rather than AK/SK so that the shortest setup works for all
 * three providers; AK/SK and password login are accepted too.
 */
export function emulatorEnv(endpoint: string, credentials: EmulatorCredentials = EMULATOR_CREDENTIALS): Record<string, string> {
  return {
    HOOKCTL_ENDPOINT: endpoint,
    ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.alibaba.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.alibaba.accessKeySecret,
    CODEUP_TOKEN: credentials.codeupToken,
    HUAWEICLOUD_TOKEN: credentials.huawei.iamToken,
    SERVICESTAGE_REPO_AUTH: credentials.servicestageRepoAuth,
  };
}
