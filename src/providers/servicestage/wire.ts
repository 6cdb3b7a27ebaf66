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

/** ListNamespaces answer (facts.ts namespacesPath). */
export const ServiceStageWireNamespacesSchema = z.looseObject({
  namespaces: z.array(z.looseObject({ id: z.union([z.string(), z.number()]).transform(String).nullish(), name: z.string() })).nullish(),
});

/** ListProjects answer (facts.ts projectsPath); `name` is the repository's path in the namespace. */
export const ServiceStageWireProjectsSchema = z.looseObject({
  projects: z.array(z.looseObject({ id: z.union([z.string(), z.number()]).nullish(), name: z.string(), clone_url: z.string().nullish() })).nullish(),
});
