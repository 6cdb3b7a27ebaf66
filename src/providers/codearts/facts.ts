/**
 * CodeArts Repo v4 group-hook facts, in one place.
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
  hooksPath: (groupId: string) => `/v4/groups/${encodeURIComponent(groupId)}/hooks`,
  hookPath: (groupId: string, hookId: string) => `/v4/groups/${encodeURIComponent(groupId)}/hooks/${encodeURIComponent(hookId)}`,
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
  limits: { url: 500, name: 200, description: 200, secret: 2000 },
  noteFilters: { maxItems: 10, maxLength: 50 },
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

export function codeartsEndpoint(region: string): string {
  const prefix = CODEARTS.regionHosts[region];
  return prefix ? `https://${prefix}.${region}.myhuaweicloud.com` : CODEARTS.defaultEndpoint(region);
}
