/**
 * CodeArts Repo v4 group-hook, repository-hook and discovery facts, in one place.
 * Source: ../shared/providers/codearts.md §1–§3 and §6, which cite the Huawei API docs
 * (AddGroupWebhook, ListGroupWebhooks, ShowGroupWebhook, UpdateGroupWebhook, RemoveGroupWebhook)
 * and huaweicloud-sdk-go-v3 services/codeartsrepo/v4 models.
 */
export const CODEARTS = {
  label: 'CodeArts Repo',
  /** Most regions; some use codeartsrepo-ext.* or repo.* (codearts.md §1): override with --endpoint. */
  defaultEndpoint: (region: string) => `https://codehub-ext.${region}.myhuaweicloud.com`,
  regionHosts: {
    'la-south-2': 'codeartsrepo-ext',
    'tr-west-1': 'codeartsrepo-ext',
    'eu-west-101': 'codeartsrepo-ext',
    'me-east-1': 'repo',
    'af-south-1': 'repo',
    'af-north-1': 'repo',
  } as Record<string, string>,
  /**
   * Group hooks live under /v4/groups/{group_id}/hooks; repository hooks under
   * /v4/repositories/{repository_id}/hooks, with the same five operations, the same WebhookDto
   * answer and the same body fields (huaweicloud-sdk-nodejs-v3 services/codeartsrepo/v4
   * CodeArtsRepoClient.ts: ListRepositoryWebhooks, AddRepositoryWebhook, ShowRepositoryWebhook,
   * UpdateRepositoryWebhook, RemoveRepositoryWebhook; the body model is WebhookParamsDto, whose fields
   * are WebhookParamsRequestDto's; url and name are sent on every create and update, as for groups).
   */
  hooksPath: (owner: HookOwner) => `/v4/${OWNER_SEGMENT[owner.kind]}/${encodeURIComponent(owner.id)}/hooks`,
  hookPath: (owner: HookOwner, hookId: string) => `${CODEARTS.hooksPath(owner)}/${encodeURIComponent(hookId)}`,
  /**
   * Discovery (`codearts:project/<projectId>/…`): ListProjectSubgroupsAndRepositories GET
   * /v4/projects/{project_id}/subgroups-and-repositories, then ListGroupSubgroupsAndRepositories GET
   * /v4/groups/{group_id}/subgroups-and-repositories for each group found (recursively). Query
   * offset (from 0) and limit (1–100); bare JSON arrays with no total header, so a short page is
   * the last. Items: `id` and `descendant_type`, `group` or `project` (a repository). This walk is
   * the safe route to every repository: whether ListProjectRepositories includes those of nested
   * groups is not stated. Source: huaweicloud-sdk-nodejs-v3 services/codeartsrepo/v4
   * CodeArtsRepoClient.ts and model/SubgroupAndProjectBaseDto.ts; the Go SDK's model comment for
   * descendant_type. `project_id` is the 32-character CodeArts project uuid (SDK doc). `archived`
   * is not sent: it defaults to false on these two lists (../shared/providers/
   * discovery-and-deliveries.md A3), so archived repositories are not discovered.
   */
  subgroupsAndRepositoriesPath: (scope: { kind: 'project' | 'group'; id: string }) =>
    `/v4/${scope.kind === 'project' ? 'projects' : 'groups'}/${encodeURIComponent(scope.id)}/subgroups-and-repositories`,
  descendantTypes: { group: 'group', repository: 'project' },
  projectIdPattern: /^[0-9a-f]{32}$/i,
  contentType: 'application/json;charset=UTF-8',
  maxPageSize: 100,
  /** Sent whenever push is on: the API requires a branch regex with push events; the console default. */
  defaultBranchFilter: '.*',
  /**
   * Sent whenever note is on without --note-filter: the request model says note_plain_text_filter
   * "需传值正则" (must be given, as regexes) when note_events is true, exactly as it says of the
   * branch filter and push_events (huaweicloud-sdk-go-v3 services/codeartsrepo/v4/model/
   * model_webhook_params_request_dto.go, field comments). Same treatment as push: match all.
   */
  defaultNoteFilters: ['.*'],
  /**
   * What a PUT without `token` does to the current one. Not stated by the UpdateGroupWebhook doc
   * (support.huaweicloud.com/api-codeartsrepo/UpdateGroupWebhook.html: token "masked when
   * returned"). [I] from GitLab, whose hook API this one copies field for field: a hook update
   * without `token` keeps it (gitlab.com/gitlab-org/gitlab/-/issues/384326 treats erasing it as a
   * bug) unless the URL changes, which clears it since 15.6.1 (gitlab-org/gitlab issue 382260,
   * MR 139865 "a webhook's token will be cleared when its URL changes"). hookctl says which one
   * applies (--dry-run and stderr: "secret: kept" / "secret: cleared"). An explicit empty token
   * clears it (--no-secret).
   */
  secretOnUpdate: 'kept-unless-url-changes',
  /**
   * Every WebhookDto answer carries `token` masked (codearts.md §2, "masked in every response" [C],
   * Go SDK model_webhook_dto.go): whether a secret is set is reported, its value never. So an
   * update's effect on the secret is read back and checked rather than assumed.
   */
  secretReadback: 'masked',
  limits: { url: 500, name: 200, description: 200, secret: 2000 },
  noteFilters: { maxItems: 10, maxLength: 50 },
  /**
   * Delivery logs, newest first, for group and repository hooks alike: ListGroupWebhookLogs
   * `GET /v4/groups/{group_id}/hooks/{hook_id}/logs` and ListRepositoryWebhookLogs
   * `GET /v4/repositories/{repository_id}/hooks/{hook_id}/logs` (offset, limit 1–100, created_after;
   * `X-Total`), one log at `…/logs/{log_id}`; `response_status` is the HTTP code as text or
   * `internal error`. Source: huaweicloud-sdk-nodejs-v3 services/codeartsrepo/v4 CodeArtsRepoClient.ts
   * and the ListRepositoryWebhookLogs / ShowRepositoryWebhookLog doc pages (research-fleet §2a,
   * ../shared/providers/discovery-and-deliveries.md B1). Repository hook logs need the IAM action
   * of the repository hook list (codeartsrepo:repository:getRepository, A auth notes); the group
   * hook logs' action is not stated. `audit` reads them; `--no-deliveries` skips them.
   */
  deliveryLogs: { groupAndRepositoryHooks: true },
  /** The delivery header that carries the secret (token_type); the console default. */
  defaultTokenType: 'X-Repo-Token',
  /** 404 codes seen in docs (e.g. CH.00406026); any 404 status maps to not-found anyway. */
  notFoundCodes: ['CH.00406026'],
  /**
   * AK/SK calls to a regional service whose path has no project id carry X-Project-Id: the
   * official SDK, given no project id, looks it up once per region with IAM KeystoneListProjects
   * (`GET /v3/projects?name=<region>`, signed with the same AK/SK) and uses the id when exactly one
   * project comes back (huaweicloud-sdk-nodejs-v3 core/auth/BasicCredentials.ts
   * getAuthParamFromIam → core/internal/services/iam.service.ts getProjectId). hookctl does the same
   * (it never creates a project, which the SDK does when none matches). Whether CodeArts refuses a
   * call without it is unconfirmed (codearts.md §4b).
   */
  projectLookupPath: '/v3/projects',
} as const;

export interface HookOwner {
  kind: 'group' | 'repository';
  id: string;
}

const OWNER_SEGMENT = { group: 'groups', repository: 'repositories' } as const;

export function codeartsEndpoint(region: string): string {
  const prefix = CODEARTS.regionHosts[region];
  return prefix ? `https://${prefix}.${region}.myhuaweicloud.com` : CODEARTS.defaultEndpoint(region);
}
