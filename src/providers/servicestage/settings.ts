/** ServiceStage's settings section: profile key `servicestage` (endpoint, repository authorization); credentials come from the Huawei section. */
import { z } from 'zod';
import { checkEndpoint } from '../../config/checks.js';
import { first } from '../../config/resolve.js';
import { FIELDS } from '../../config/schema.js';
import type { SettingsSection, Sourced } from '../../config/section.js';
import { followRegion, type HuaweiSettings } from '../huawei/section.js';
import { SERVICESTAGE } from './facts.js';

export interface ServiceStageSettings {
  endpoint: Sourced<string>;
  repoAuth?: Sourced<string> | undefined;
}

declare module '../../config/section.js' {
  interface ProviderSettings {
    servicestage: ServiceStageSettings;
  }
}

const ServiceStageProfileSchema = z.strictObject({ endpoint: FIELDS.url.optional(), repoAuth: FIELDS.text.optional() });
type ServiceStageProfile = z.infer<typeof ServiceStageProfileSchema>;

export const servicestageSettings: SettingsSection = {
  key: 'servicestage',
  profileKey: 'servicestage',
  schema: ServiceStageProfileSchema,
  secretKeys: [],
  endpointVariables: ['HOOKCTL_SERVICESTAGE_ENDPOINT'],
  resolve(ctx, resolved): ServiceStageSettings {
    const p = ctx.profile('servicestage') as ServiceStageProfile | undefined;
    const { region } = resolved.huawei as HuaweiSettings;
    return {
      endpoint: ctx.endpoint('servicestage', p?.endpoint, SERVICESTAGE.defaultEndpoint(region.value)),
      repoAuth: first(ctx.envOf('SERVICESTAGE_REPO_AUTH'), [ctx.profileSource, p?.repoAuth]),
    };
  },
  follow: (settings) => ({
    ...settings,
    servicestage: { ...settings.servicestage, endpoint: followRegion(settings.servicestage.endpoint, settings, SERVICESTAGE.defaultEndpoint) },
  }),
  check(settings, allowHttp) {
    checkEndpoint(settings.servicestage.endpoint, 'servicestage endpoint', allowHttp);
  },
};
