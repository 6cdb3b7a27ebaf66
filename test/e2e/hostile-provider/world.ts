/**
 * What the hostile-provider suite runs: per provider of the registry (and per API mode, for
 * Codeup), a small fleet with hooks, secrets and delivery logs, and one invocation of every command
 * that reads provider data. The commands come from the CLI's own tree (`readsProviderData` in
 * src/cli/program.ts); the suite fails when one has no invocation here, or a provider no world.
 */
import { EMULATOR_CREDENTIALS as C } from '../../../src/emulator/credentials.js';
import type { FleetSpec } from '../../../src/emulator/fleet.js';
import type { Emulator } from '../../../src/emulator/handle.js';
import { HOSTILE_SECRET } from '../../../src/emulator/hostile.js';
import { scopeKey } from '../../../src/emulator/store.js';
import { CODEUP_MODES } from '../../../src/runtime/global-flags.js';

/** Hook secrets planted in the world: no output may show them. */
export const WORLD_SECRETS = ['world-secret-codeup-7f3a91', 'world-secret-codearts-c28e04', 'world-secret-servicestage-5b61d9'] as const;
const [CODEUP_SECRET, CODEARTS_SECRET, SERVICESTAGE_SECRET] = WORLD_SECRETS;

const ORG = 'hostile-org';
const CODEARTS_PROJECT = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const PID = C.huawei.project.id;
/** Hooks point at a receiver on this machine (`hooks test` delivers there): no outside traffic. */
let receiver = 'http://127.0.0.1:9';
const hookUrl = (name: string) => `${receiver}/${name}`;

/** The fleet, its hook URLs at `receiverUrl`. */
export function fleet(receiverUrl: string): FleetSpec {
  receiver = receiverUrl;
  return {
    codeup: [
      {
        organization: ORG,
        repositories: [
          {
            id: 101,
            name: 'svc-a',
            hooks: [
              { url: hookUrl('cu-a1'), pushEvents: true, secretToken: CODEUP_SECRET, lastTestResult: 'ok' },
              { url: hookUrl('cu-a2'), pushEvents: true, secretToken: CODEUP_SECRET },
            ],
          },
          { id: 102, name: 'svc-b', hooks: [{ url: hookUrl('cu-b1'), pushEvents: true, secretToken: CODEUP_SECRET }] },
        ],
      },
    ],
    codearts: [
      {
        project: CODEARTS_PROJECT,
        name: 'hostile',
        groups: [
          {
            id: 7001,
            name: 'g1',
            hooks: [
              {
                url: hookUrl('ca-g1'),
                name: 'ci',
                pushEvents: true,
                pushEventsBranchRegexFilter: '.*',
                token: CODEARTS_SECRET,
                deliveries: ['200', '500', 'internal error'],
              },
              { url: hookUrl('ca-g1b'), name: 'ci2', pushEvents: true, pushEventsBranchRegexFilter: '.*', token: CODEARTS_SECRET },
            ],
            groups: [{ id: 7002, name: 'g2', repositories: [{ id: 8001, name: 'r1', hooks: [{ url: hookUrl('ca-r1'), name: 'r', tagPushEvents: true }] }] }],
            repositories: [{ id: 8002, name: 'r2' }],
          },
        ],
      },
    ],
    servicestage: [
      {
        projectId: PID,
        namespaces: [
          {
            name: 'ns1',
            projects: [
              { name: 'p1', hooks: [{ url: hookUrl('ss-p1'), secret: SERVICESTAGE_SECRET }] },
              { name: 'p2', hooks: [{ url: hookUrl('ss-p2'), secret: SERVICESTAGE_SECRET }] },
            ],
          },
        ],
      },
    ],
  };
}

/** One provider as the suite drives it: a target with hooks, a pattern that discovers it, and how to pick the API. */
export interface ProviderWorld {
  /** e.g. `codeup-v3`; the provider id when it has one API. */
  name: string;
  target: string;
  pattern: string;
  /** The id of the first hook on the target, read from the loaded fleet. */
  hookId(emulator: Emulator): string;
  /** Extra arguments for every invocation (the API mode). */
  args: string[];
  /** Hook fields only this provider takes, for create and the hooks file. */
  fields: { name?: string };
  /** Commands the provider cannot do: even an honest one answers exit 2 (usage) there. */
  unsupported: readonly string[];
}

const codeupHook = (emulator: Emulator) => String(emulator.store.codeup.list(scopeKey.codeup(ORG, 101))[0]?.id);

/** Per provider id of the registry (PROVIDERS); a new provider fails the suite until it has one. */
export const WORLDS: Readonly<Record<string, readonly ProviderWorld[]>> = {
  codeup: CODEUP_MODES.map((mode) => ({
    name: `codeup-${mode}`,
    target: `codeup:${ORG}/101`,
    pattern: `codeup:${ORG}/*`,
    hookId: codeupHook,
    args: ['--codeup-mode', mode],
    fields: {},
    // The Yunxiao OpenAPI has no delivery history (Codeup v3 reports LastTestResult).
    unsupported: mode === 'oapi' ? ['hooks deliveries'] : [],
  })),
  codearts: [
    {
      name: 'codearts',
      target: 'codearts:7001',
      pattern: `codearts:project/${CODEARTS_PROJECT}/*`,
      hookId: (emulator) => String(emulator.store.codearts.list(scopeKey.codearts('7001'))[0]?.id),
      args: [],
      fields: { name: 'ci' },
      unsupported: [],
    },
  ],
  servicestage: [
    {
      name: 'servicestage',
      target: `servicestage:${PID}/ns1/p1`,
      pattern: `servicestage:${PID}/*/*`,
      hookId: (emulator) => String(emulator.store.servicestage.list(scopeKey.servicestage(PID, 'ns1', 'p1'))[0]?.id),
      args: [],
      fields: {},
      unsupported: ['hooks deliveries'],
    },
  ],
};

/** The secret every write sends (from $HS): the start of the long one, `%` and `\` included, within every provider's limit (CodeArts: 2000). */
export const SENT_SECRET = HOSTILE_SECRET.slice(0, 1900);

/** The hooks file plan and apply read: one hook on the target that exists, one new. */
export function hooksFile(world: ProviderWorld): string {
  return JSON.stringify({
    version: 1,
    defaults: { events: ['push'], secret: '${env:HS}' },
    hooks: [
      { target: world.target, url: hookUrl(world.name.startsWith('codeup') ? 'cu-a1' : world.name === 'codearts' ? 'ca-g1' : 'ss-p1'), ...world.fields },
      { target: world.target, url: hookUrl('declared-new'), ...world.fields },
    ],
  });
}

export interface Invocation {
  /** The command as the CLI tree names it (`hooks list`), or `patterns` for discovery. */
  command: string;
  argv: string[];
}

/**
 * One invocation per provider-reading command, in an order where each still finds what it reads
 * (the emulator is reset between them anyway). `patterns` runs discovery through `hooks list`.
 */
export function invocations(world: ProviderWorld, hookId: string): Invocation[] {
  const { target, pattern } = world;
  return [
    { command: 'hooks list', argv: ['hooks', 'list', target] },
    { command: 'patterns', argv: ['hooks', 'list', pattern] },
    { command: 'hooks get', argv: ['hooks', 'get', target, hookId] },
    { command: 'hooks deliveries', argv: ['hooks', 'deliveries', target, hookId] },
    { command: 'hooks test', argv: ['hooks', 'test', target, hookId, '--event', 'push', '--secret-env', 'HS', '--allow-private'] },
    {
      command: 'hooks create',
      argv: ['hooks', 'create', target, '--url', hookUrl('created'), '--events', 'push', '--secret-env', 'HS', ...(world.fields.name ? ['--name', 'new'] : [])],
    },
    { command: 'hooks update', argv: ['hooks', 'update', target, hookId, '--url', hookUrl('moved'), '--secret-env', 'HS'] },
    { command: 'hooks delete', argv: ['hooks', 'delete', target, hookId, '--yes'] },
    { command: 'audit', argv: ['audit', pattern] },
    { command: 'export', argv: ['export', target] },
    { command: 'plan', argv: ['plan', '-f', 'hooks.json'] },
    { command: 'apply', argv: ['apply', '-f', 'hooks.json', '--yes'] },
    { command: 'rotate', argv: ['rotate', target, '--secret-env', 'HS'] },
  ];
}

/** What the child's environment holds besides HOOKCTL_ENDPOINT: every credential the emulator accepts, and the secret to send. */
export function credentialEnv(): Record<string, string> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: C.alibaba.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: C.alibaba.accessKeySecret,
    CODEUP_TOKEN: C.codeupToken,
    HUAWEICLOUD_TOKEN: C.huawei.iamToken,
    SERVICESTAGE_REPO_AUTH: C.servicestageRepoAuth,
    HS: SENT_SECRET,
  };
}

/** Credentials that must never show: everything secret the child knows. */
export const CREDENTIALS = [C.alibaba.accessKeySecret, C.codeupToken, C.huawei.iamToken, C.servicestageRepoAuth] as const;
