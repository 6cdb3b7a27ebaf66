import { z } from 'zod';

/** WebhookDto as returned by every v4 hook operation (codearts.md §2). `token` is always masked. */
export const CodeArtsWireHookSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).transform(String),
  url: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  push_events: z.boolean().nullish(),
  push_events_branch_regex_filter: z.string().nullish(),
  tag_push_events: z.boolean().nullish(),
  merge_requests_events: z.boolean().nullish(),
  note_events: z.boolean().nullish(),
  note_plain_text_filter: z.array(z.string()).nullish(),
  token: z.string().nullish(),
  token_type: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type CodeArtsWireHook = z.infer<typeof CodeArtsWireHookSchema>;

/** WebhookParamsRequestDto: the create and update body. */
export interface CodeArtsWireParams {
  url: string;
  name: string;
  description?: string;
  push_events: boolean;
  push_events_branch_regex_filter?: string;
  tag_push_events: boolean;
  merge_requests_events: boolean;
  note_events: boolean;
  note_plain_text_filter?: string[];
  token?: string;
  token_type?: string;
}

/**
 * SubgroupAndProjectBaseDto, an item of the subgroups-and-repositories lists (facts.ts): only the id
 * and the descendant type (`group`, or `project` for a repository) are read.
 */
export const CodeArtsWireChildSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).transform(String),
  descendant_type: z.string(),
});
