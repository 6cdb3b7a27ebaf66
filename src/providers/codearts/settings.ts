/** CodeArts Repo's settings section: profile key `codearts` (endpoint, project id); credentials come from the Huawei section. */
import type { z } from 'zod';
import { checkEndpoint } from '../../config/checks.js';
import { first } from '../../config/resolve.js';
import type { SchemaKit, SettingsSection, Sourced } from '../../config/section.js';
import { followRegion, type HuaweiSettings } from '../huawei/section.js';
import { codeartsEndpoint } from './facts.js';

export interface CodeArtsSettings {
  endpoint: Sourced<string>;
  projectId?: Sourced<string> | undefined;
}

declare module '../../config/section.js' {
  interface ProviderSettings {
    codearts: CodeArtsSettings;
  }
}

const codeartsProfileSchema = ({ z, fields }: SchemaKit) => z.strictObject({ endpoint: fields.url.optional(), projectId: fields.text.optional() });
type CodeArtsProfile = z.infer<ReturnType<typeof codeartsProfileSchema>>;

export const codeartsSettings: SettingsSection = {
  key: 'codearts',
  profileKey: 'codearts',
  schema: codeartsProfileSchema,
  secretKeys: [],
  credentialVariables: ['HUAWEICLOUD_SDK_PROJECT_ID'],
  endpointVariables: ['HOOKCTL_CODEARTS_ENDPOINT'],
  resolve(ctx, resolved): CodeArtsSettings {
    const p = ctx.profile('codearts') as CodeArtsProfile | undefined;
    const huaweiProfile = ctx.profile('huaweicloud') as { projectId?: string } | undefined;
    const { region } = resolved.huawei as HuaweiSettings;
    return {
      endpoint: ctx.endpoint('codearts', p?.endpoint, codeartsEndpoint(region.value)),
      projectId: first(ctx.envOf('HUAWEICLOUD_SDK_PROJECT_ID'), [ctx.profileSource, p?.projectId ?? huaweiProfile?.projectId]),
    };
  },
  // After the cloud CLI link: a default endpoint follows the region; a project id KooCLI brought applies here too.
  follow: (settings) => ({
    ...settings,
    codearts: {
      endpoint: followRegion(settings.codearts.endpoint, settings, codeartsEndpoint),
      projectId: settings.codearts.projectId ?? settings.huawei.projectId,
    },
  }),
  check(settings, allowHttp) {
    checkEndpoint(settings.codearts.endpoint, 'codearts endpoint', allowHttp);
  },
};
