import { SEGMENT, type Target, type TargetGrammar } from '../../model/target.js';

/** One repository: `servicestage:<projectId>/<namespace>/<project>` (a `/` inside the project is sent as `:`). */
export interface ServiceStageTarget extends Target {
  readonly provider: 'servicestage';
  readonly projectId: string;
  readonly namespace: string;
  readonly project: string;
}

/**
 * `servicestage:<projectId>/<namespace>/*` (every repository of a namespace) or
 * the same with `*` as the namespace (every namespace): `namespace` is absent for the latter.
 */
export interface ServiceStagePattern {
  projectId: string;
  namespace?: string | undefined;
}

const NO_STAR = (segment: string): boolean => SEGMENT.plain.test(segment) && !segment.includes('*');

export const servicestageTarget: TargetGrammar<ServiceStageTarget, ServiceStagePattern> = {
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
  patterns: {
    forms: [
      { form: 'servicestage:<projectId>/<namespace>/*', expands: 'every repository of the namespace' },
      { form: 'servicestage:<projectId>/*/*', expands: 'every repository of every namespace' },
    ],
    // Ids, namespaces and repository paths never hold a `*`: any one makes the text a pattern.
    matches: (parts) => parts.some((part) => part.includes('*')),
    parse(parts, bad) {
      const [projectId = '', namespace = '', star] = parts;
      if (parts.length !== 3 || star !== '*') throw bad('a ServiceStage pattern ends in /* after the project id and the namespace (or *)');
      if (!NO_STAR(projectId)) throw bad('the project id must be given in full (no *)');
      if (namespace === '*') return { projectId };
      if (!NO_STAR(namespace)) throw bad('the namespace must be given in full, or be * for every namespace');
      return { projectId, namespace };
    },
  },
};

export const formatServiceStageTarget = (target: ServiceStageTarget): string => `servicestage:${servicestageTarget.format(target)}`;
