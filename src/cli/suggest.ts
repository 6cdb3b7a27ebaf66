import type { Command } from 'commander';

/**
 * The command path nearest to a mistyped word ("crate" → "hooks create"), or undefined when
 * nothing is close. Every command of the tree is a candidate, compared by its own name; on a tie
 * the longer path wins, so a short form (`create`) points to its full form (`hooks create`).
 */
export function nearestCommand(program: Command, word: string): string | undefined {
  let best: { path: string; distance: number } | undefined;
  const visit = (command: Command, prefix: string[]) => {
    for (const sub of command.commands) {
      const path = [...prefix, sub.name()];
      const distance = Math.min(...[sub.name(), ...sub.aliases()].map((name) => editDistance(word.toLowerCase(), name)));
      const limit = Math.max(1, Math.min(2, Math.floor(sub.name().length / 3)));
      const better = !best || distance < best.distance || (distance === best.distance && path.length > best.path.split(' ').length);
      if (distance <= limit && better) best = { path: path.join(' '), distance };
      visit(sub, path);
    }
  };
  visit(program, []);
  return best?.path;
}

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
