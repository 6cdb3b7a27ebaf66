import { SEGMENT, type Target, type TargetGrammar } from '../../model/target.js';

/** One CodeArts Repo repository group: `codearts:<groupId>`. */
export interface CodeArtsTarget extends Target {
  readonly provider: 'codearts';
  readonly groupId: string;
}

export const codeartsTarget: TargetGrammar<CodeArtsTarget> = {
  provider: 'codearts',
  form: 'codearts:<groupId>',
  parse(parts, bad) {
    const [groupId = ''] = parts;
    if (parts.length !== 1 || !SEGMENT.numericId.test(groupId)) throw bad('the group id must be a positive number');
    return { provider: 'codearts', groupId };
  },
  format: (target) => target.groupId,
};
