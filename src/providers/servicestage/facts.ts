/**
 * ServiceStage v1 Git repository hook facts, in one place.
 * Source: ../shared/providers/servicestage.md §1–§4 and §7, which cite the ServiceStage API docs
 * (servicestage_api_0066/0067/0068, servicestage_06_0108/0109) and huaweicloud-sdk-go-v3
 * services/servicestage/v2 models (CreateHook, ListHooks, DeleteHook).
 */
export const SERVICESTAGE = {
  label: 'ServiceStage',
  defaultEndpoint: (region: string) => `https://servicestage.${region}.myhuaweicloud.com`,
  hooksPath: (projectId: string, namespace: string, project: string) =>
    `/v1/${encodeURIComponent(projectId)}/git/repos/${encodeURIComponent(namespace)}/${projectSegment(project)}/hooks`,
  hookPath: (projectId: string, namespace: string, project: string, hookId: string) =>
    `${SERVICESTAGE.hooksPath(projectId, namespace, project)}/${encodeURIComponent(hookId)}`,
  /**
   * Discovery (`servicestage:<projectId>/<namespace>/*`, and with `*` as the namespace): ListNamespaces GET
   * /v1/{project_id}/git/repos/namespaces → `{namespaces: [{id, name}]}`, and ListProjects GET
   * /v1/{project_id}/git/repos/{namespace}/projects (namespace id or URL-encoded name) →
   * `{projects: [{id, name, clone_url}]}`; X-Repo-Auth on both, no paging parameters. Source:
   * huaweicloud-sdk-nodejs-v3 services/servicestage/v2/ServiceStageClient.ts (listNamespaces,
   * listProjects) and its models NamespacesNamespaces, ListProjectsResponse.
   */
  namespacesPath: (projectId: string) => `/v1/${encodeURIComponent(projectId)}/git/repos/namespaces`,
  projectsPath: (projectId: string, namespace: string) => `/v1/${encodeURIComponent(projectId)}/git/repos/${encodeURIComponent(namespace)}/projects`,
  /** The docs mark Content-Type mandatory on every call, GET and DELETE included. */
  contentType: 'application/json;charset=utf8',
  /**
   * The Git host decides which events a ServiceStage hook gets; the API has no event flags.
   * [inferred] Push is what ServiceStage uses hooks for (build triggers), so it is reported as push.
   */
  fixedEvents: ['push'] as const,
  /**
   * DELETE answers 204 or 400 only, with codes SVCSTG.REPO.[id] (doc servicestage_api_0068,
   * "删除项目hook", status table); no code for an unknown hook is documented (servicestage.md §4
   * lists 0400–0452). So a 400 SVCSTG.REPO.* on delete is confirmed by listing: an id that is not
   * listed is not found (exit 3). SVCSTG.REPO.0404 is taken as not-found outright [I].
   */
  notFoundCodes: ['SVCSTG.REPO.0404'] as readonly string[],
  repoErrorPrefix: 'SVCSTG.REPO.',
  /**
   * A second hook with the same URL is refused with SVCSTG.REPO.0403 "resource already exist"
   * (servicestage.md §4, doc servicestage_06_0162): a replace must delete first.
   */
  replaceOrder: 'delete-first',
} as const;

/** A '/' inside the repository path (GitLab subgroups) is sent as ':'; the wire keeps ':' literal. */
function projectSegment(project: string): string {
  return project.split('/').map(encodeURIComponent).join(':');
}
