/** ServiceStage's settings section: profile key `servicestage` (endpoint, repository authorization); credentials come from the Huawei section. */
import type { z } from 'zod';
import { checkEndpoint } from '../../config/checks.js';
import { first } from '../../config/resolve.js';
import type { SchemaKit, SettingsSection, Sourced } from '../../config/section.js';
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

const servicestageProfileSchema = ({ z, fields }: SchemaKit) => z.strictObject({ endpoint: fields.url.optional(), repoAuth: fields.text.optional() });
type ServiceStageProfile = z.infer<ReturnType<typeof servicestageProfileSchema>>;

export const servicestageSettings: SettingsSection = {
  key: 'servicestage',
  profileKey: 'servicestage',
  schema: servicestageProfileSchema,
  secretKeys: [],
  credentialVariables: ['SERVICESTAGE_REPO_AUTH'],
  // The Huawei Cloud credentials of a ServiceStage login go to the Huawei section; this one keeps the repository authorization.
  login: {
    variables: ['SERVICESTAGE_REPO_AUTH'],
    wanted: (settings) => settings.servicestage.repoAuth === undefined,
    apply: (settings, values, source) =>
      values.SERVICESTAGE_REPO_AUTH
        ? { ...settings, servicestage: { ...settings.servicestage, repoAuth: { value: values.SERVICESTAGE_REPO_AUTH, source } } }
        : settings,
  },
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
