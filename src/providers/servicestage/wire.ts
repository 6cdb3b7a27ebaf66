import { z } from 'zod';

/** Hook as ServiceStage returns it: no secret and no event flags, ever. */
export const ServiceStageWireHookSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  /** Undocumented enum; depends on the Git host. */
  type: z.string().nullish(),
  /** Optional in the official SDK model (huaweicloud-sdk-nodejs-v3 servicestage/v2/model/Hook.ts). */
  callback_url: z.string().nullish(),
});
export type ServiceStageWireHook = z.infer<typeof ServiceStageWireHookSchema>;

export const ServiceStageWireListSchema = z.looseObject({ hooks: z.array(ServiceStageWireHookSchema).nullish() });

/** CreateHook body: both fields required. */
export interface ServiceStageWireCreate {
  url: string;
  secret: string;
}
