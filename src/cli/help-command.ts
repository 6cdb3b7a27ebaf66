import type { Command } from 'commander';
import type { Deps } from '../runtime/deps.js';

/**
 * `hookctl help [command path]` (commander's own help command looks one level down only, so
 * `help hooks list` printed the help of `hooks`), `hookctl help environment`, and `hookctl version`
 * (what `--version` prints). Added after the tree, so the groups keep commander's `hooks help list`.
 */
export function addHelpAndVersion(program: Command, deps: Deps, version: string): void {
  program.helpCommand(false);
  program
    .command('help')
    .description('show help for a command (`help hooks list`), or `help environment`: every variable hookctl reads')
    .argument('[command...]', 'a command path, or environment')
    .action(async (path: string[]) => {
      if (path.length === 1 && path[0] === 'environment') {
        const [{ environmentHelp }, { SETTINGS_SECTIONS }] = await Promise.all([import('../runtime/environment.js'), import('../runtime/providers.js')]);
        deps.stdout.write(environmentHelp(SETTINGS_SECTIONS));
        return;
      }
      let at = program;
      for (const [i, name] of path.entries()) {
        const next = at.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!next) {
          const [{ UsageError }, { nearestCommand }] = await Promise.all([import('../errors.js'), import('./suggest.js')]);
          const nearest = nearestCommand(program, name, path.slice(0, i));
          const where = [...path.slice(0, i), name].join(' ');
          throw new UsageError(`help: unknown command '${where}'${nearest ? ` (did you mean ${nearest}?)` : ''}`, {
            hint: 'run hookctl help for the commands',
          });
        }
        at = next;
      }
      at.outputHelp();
    });
  program
    .command('version')
    .description('print the version (same as --version)')
    .action(() => void deps.stdout.write(`${version}\n`));
}
