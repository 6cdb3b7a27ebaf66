import { SEGMENT, type Target, type TargetGrammar } from '../../model/target.js';

/** One repository: `servicestage:<projectId>/<namespace>/<project>` (a `/` inside the project is sent as `:`). */
export interface ServiceStageTarget extends Target {
  readonly provider: 'servicestage';
  readonly projectId: string;
  readonly namespace: string;
  readonly project: string;
}

export const servicestageTarget: TargetGrammar<ServiceStageTarget> = {
  provider: 'servicestage',
  form: 'servicestage:<projectId>/<namespace>/<project>',
  parse(parts, bad) {
    const [projectId = '', namespace = '', ...projectParts] = parts;
    const project = projectParts.join('/');
    if (!SEGMENT.plain.test(projectId) || !SEGMENT.plain.test(namespace) || project === '') {
      throw bad('needs a project id, a namespace and a repository');
    }
    // A nested path (GitLab subgroups) is allowed; an empty segment is not.
    if (!SEGMENT.path.test(project) || projectParts.some((p) => p === '')) throw bad('the repository path is not valid');
    return { provider: 'servicestage', projectId, namespace, project };
  },
  format: (target) => `${target.projectId}/${target.namespace}/${target.project}`,
};

export const formatServiceStageTarget = (target: ServiceStageTarget): string => `servicestage:${servicestageTarget.format(target)}`;
