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
  limits: { url: 500, name: 200, description: 200, secret: 2000 },
  noteFilters: { maxItems: 10, maxLength: 50 },
  /** The delivery header that carries the secret (token_type); the console default. */
  defaultTokenType: 'X-Repo-Token',
  /** 404 codes seen in docs (e.g. CH.00406026); any 404 status maps to not-found anyway. */
  notFoundCodes: ['CH.00406026'],
} as const;

export function codeartsEndpoint(region: string): string {
  const prefix = CODEARTS.regionHosts[region];
  return prefix ? `https://${prefix}.${region}.myhuaweicloud.com` : CODEARTS.defaultEndpoint(region);
}
