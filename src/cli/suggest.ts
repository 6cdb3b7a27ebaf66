import type { Command } from 'commander';

/** Words other CLIs use for hookctl's verbs (gh says `view`, kubectl says `ls`…). */
const SYNONYMS: Readonly<Record<string, string>> = {
  view: 'get',
  show: 'get',
  ls: 'list',
  rm: 'delete',
  remove: 'delete',
  del: 'delete',
  add: 'create',
  new: 'create',
  edit: 'update',
  set: 'update',
  ping: 'test',
  login: 'status',
};

/**
 * The command path nearest to a mistyped word ("crate" → "hooks create"), or undefined when
 * nothing is close. Typed inside a group (`under`: `hooks`, `config`), only that group's commands
 * are candidates, a synonym first (`hooks view` → `hooks get`): a verb of another group would be
 * a wrong lead (`config set` is not `hooks get`). At the top, every command of the tree is a
 * candidate, compared by its own name; on a tie the longer path wins, so a short form (`create`)
 * points to its full form (`hooks create`).
 */
export function nearestCommand(program: Command, word: string, under: readonly string[] = []): string | undefined {
  const group = under.reduce<Command | undefined>((at, name) => at?.commands.find((c) => c.name() === name), program);
  const lower = word.toLowerCase();
  if (group && group !== program) {
    const synonym = SYNONYMS[lower];
    const named = group.commands.find((c) => c.name() === synonym);
    if (named) return [...under, named.name()].join(' ');
    let best: { name: string; distance: number } | undefined;
    for (const sub of group.commands) {
      const distance = distanceTo(lower, sub);
      if (distance <= limitFor(sub) && (!best || distance < best.distance)) best = { name: sub.name(), distance };
    }
    return best ? [...under, best.name].join(' ') : undefined;
  }
  let best: { path: string; distance: number } | undefined;
  const visit = (command: Command, prefix: string[]) => {
    for (const sub of command.commands) {
      const path = [...prefix, sub.name()];
      const distance = distanceTo(lower, sub);
      const better = !best || distance < best.distance || (distance === best.distance && path.length > best.path.split(' ').length);
      if (distance <= limitFor(sub) && better) best = { path: path.join(' '), distance };
      visit(sub, path);
    }
  };
  visit(program, []);
  return best?.path;
}

/** The group an unknown word was typed in: the commands before it in argv, matched from the root. */
export function groupOf(program: Command, argv: readonly string[], word: string): string[] {
  const path: string[] = [];
  let at = program;
  for (const arg of argv.slice(0, Math.max(0, argv.indexOf(word)))) {
    const next = at.commands.find((c) => c.name() === arg);
    if (next) {
      path.push(arg);
      at = next;
    }
  }
  return path;
}

const distanceTo = (word: string, command: Command): number => Math.min(...[command.name(), ...command.aliases()].map((name) => editDistance(word, name)));
const limitFor = (command: Command): number => Math.max(1, Math.min(2, Math.floor(command.name().length / 3)));

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}
