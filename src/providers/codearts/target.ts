import { SEGMENT, type Target, type TargetGrammar } from '../../model/target.js';
import { CODEARTS } from './facts.js';

/** One CodeArts Repo repository group: `codearts:<groupId>` (group hooks). */
export interface CodeArtsGroupTarget extends Target {
  readonly provider: 'codearts';
  readonly groupId: string;
}

/** One CodeArts Repo repository: `codearts:repo/<repositoryId>` (repository hooks). */
export interface CodeArtsRepositoryTarget extends Target {
  readonly provider: 'codearts';
  readonly repositoryId: string;
}

export type CodeArtsTarget = CodeArtsGroupTarget | CodeArtsRepositoryTarget;

/** What owns a target's hooks: a group or a repository, by id. */
export function hookOwner(target: CodeArtsTarget): { kind: 'group' | 'repository'; id: string } {
  const { repositoryId } = target;
  return repositoryId !== undefined ? { kind: 'repository', id: repositoryId } : { kind: 'group', id: target.groupId ?? '' };
}

/**
 * `codearts:project/<projectId>/groups|repos|*`: the groups, the repositories, or both, of a
 * CodeArts project (walked through its subgroups).
 */
export interface CodeArtsPattern {
  projectId: string;
  groups: boolean;
  repositories: boolean;
}

const SCOPES: Readonly<Record<string, { groups: boolean; repositories: boolean }>> = {
  groups: { groups: true, repositories: false },
  repos: { groups: false, repositories: true },
  '*': { groups: true, repositories: true },
};

export const codeartsTarget: TargetGrammar<CodeArtsTarget, CodeArtsPattern> = {
  provider: 'codearts',
  form: 'codearts:<groupId> | codearts:repo/<repositoryId>',
  parse(parts, bad) {
    if (parts[0] === 'repo') {
      const [, repositoryId = ''] = parts;
      if (parts.length !== 2 || !SEGMENT.numericId.test(repositoryId)) throw bad('the repository id must be a positive number');
      const target: CodeArtsRepositoryTarget = { provider: 'codearts', repositoryId };
      return target;
    }
    const [groupId = ''] = parts;
    if (parts.length !== 1 || !SEGMENT.numericId.test(groupId)) throw bad('the group id must be a positive number');
    const target: CodeArtsGroupTarget = { provider: 'codearts', groupId };
    return target;
  },
  format: (target) => {
    const owner = hookOwner(target);
    return owner.kind === 'repository' ? `repo/${owner.id}` : owner.id;
  },
  patterns: {
    forms: [
      { form: 'codearts:project/<projectId>/groups', expands: 'every repository group of the project, nested ones included' },
      { form: 'codearts:project/<projectId>/repos', expands: 'every repository of the project, as codearts:repo/<id>' },
      { form: 'codearts:project/<projectId>/*', expands: 'both' },
    ],
    matches: (parts) => parts[0] === 'project' || parts.some((part) => part.includes('*')),
    parse(parts, bad) {
      const [head, projectId = '', what = '', ...more] = parts;
      if (head !== 'project' || more.length > 0 || parts.length !== 3) throw bad('a CodeArts pattern is project/<projectId>/groups, /repos or /*');
      if (!CODEARTS.projectIdPattern.test(projectId)) throw bad('the project id must be the 32-character hexadecimal CodeArts project id');
      const scope = SCOPES[what];
      if (!scope) throw bad('the last segment is not groups, repos or *');
      return { projectId, ...scope };
    },
  },
};
