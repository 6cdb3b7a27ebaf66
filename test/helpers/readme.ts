/**
 * README examples as data: which fenced blocks are shell examples, the commands in each, and the
 * hidden `<!-- readme-test … -->` comment before a block (its directives and set-up lines).
 *
 * - A fence tagged `sh`, `bash`, `shell` or `console` is a shell example, and every one runs; any
 *   other tag (`yaml`, `json`, `text`) is not a command. An untagged fence is refused, so a block
 *   is never left out by accident.
 * - A block with lines that start with `$ ` is a transcript: those lines are the commands and the
 *   rest is the output shown (not compared). Otherwise every line is a command, except comment
 *   lines (`# …`, often an output shown) and blank ones. A line ending in `\` goes on to the next.
 * - The comment sits right above the fence (blank lines between are fine):
 *     <!-- readme-test: exit 10 -->                  the block's last command exits 10
 *     <!-- readme-test: interrupt-after 2 -->        Ctrl-C (SIGINT) the last command after 2 s
 *     <!-- readme-test                               set-up commands, run before the block
 *     ID=$(hookctl hooks list codearts:77 | cut -f2)
 *     -->
 *   Directives follow the colon on the first line; set-up lines follow it until `-->`.
 */

export const SHELL_FENCES = new Set(['sh', 'bash', 'shell', 'console']);

export interface ReadmeCommand {
  /** 1-based line of the README where the command starts. */
  line: number;
  text: string;
}

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  commands: ReadmeCommand[];
  /** Hidden set-up lines from the comment before the block. */
  setup: ReadmeCommand[];
  /** Exit code the last command must end with (default 0). */
  exit: number;
  /** Seconds after which the last command gets SIGINT, as a reader's Ctrl-C. */
  interruptAfter?: number;
}

const MARKER = /^<!--\s*readme-test\b:?(.*)$/;

export function parseReadme(source: string): ReadmeBlock[] {
  const lines = source.split('\n');
  const blocks: ReadmeBlock[] = [];
  const attached = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const lang = open[1] ?? '';
    const start = i;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++;
    if (end >= lines.length) throw new Error(`README.md:${start + 1}: fence never closed`);
    if (lang === '') throw new Error(`README.md:${start + 1}: a fence without a language; tag it sh/console (runs) or text/yaml/json (does not)`);
    i = end;
    if (!SHELL_FENCES.has(lang)) continue;
    const body = lines.slice(start + 1, end);
    const marker = markerBefore(lines, start);
    if (marker.at !== undefined) attached.add(marker.at);
    blocks.push({
      line: start + 1,
      lang,
      commands: commandsOf(body, start + 2),
      setup: marker.setup,
      exit: marker.exit,
      ...(marker.interruptAfter !== undefined && { interruptAfter: marker.interruptAfter }),
    });
  }
  // A set-up comment that is not right above a shell block would be skipped without a word.
  lines.forEach((l, k) => {
    if (MARKER.test(l) && !attached.has(k)) throw new Error(`README.md:${k + 1}: a readme-test comment must sit right above a sh/console block`);
  });
  return blocks;
}

function commandsOf(body: string[], firstLine: number): ReadmeCommand[] {
  const transcript = body.some((l) => l.startsWith('$ '));
  const commands: ReadmeCommand[] = [];
  for (let k = 0; k < body.length; k++) {
    let text = body[k] ?? '';
    if (transcript) {
      if (!text.startsWith('$ ')) continue;
      text = text.slice(2);
    } else if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const line = firstLine + k;
    while (text.endsWith('\\') && k + 1 < body.length) text = `${text}\n${body[++k] ?? ''}`;
    commands.push({ line, text });
  }
  return commands;
}

type Marker = Pick<ReadmeBlock, 'setup' | 'exit' | 'interruptAfter'> & { at?: number };

function markerBefore(lines: string[], fence: number): Marker {
  let last = fence - 1;
  while (last >= 0 && (lines[last] ?? '').trim() === '') last--;
  if (last < 0 || !(lines[last] ?? '').trimEnd().endsWith('-->')) return { setup: [], exit: 0 };
  let first = last;
  while (first >= 0 && !(lines[first] ?? '').startsWith('<!--')) first--;
  const head = MARKER.exec(lines[first] ?? '');
  if (!head) return { setup: [], exit: 0 };
  const directives = (head[1] ?? '').replace(/-->\s*$/, '').trim();
  const setup: ReadmeCommand[] = [];
  for (let k = first + 1; k <= last; k++) {
    const text = (lines[k] ?? '').replace(/-->\s*$/, '');
    if (text.trim() !== '') setup.push({ line: k + 1, text });
  }
  const result: Marker = { setup, exit: 0, at: first };
  const words = directives === '' ? [] : directives.split(/\s*,\s*/);
  for (const word of words) {
    const exit = /^exit (\d+)$/.exec(word);
    const interrupt = /^interrupt-after (\d+(?:\.\d+)?)$/.exec(word);
    if (exit) result.exit = Number(exit[1]);
    else if (interrupt) result.interruptAfter = Number(interrupt[1]);
    else throw new Error(`README.md:${first + 1}: unknown readme-test directive "${word}" (known: exit N, interrupt-after S)`);
  }
  return result;
}

/**
 * One bash script for the whole README, run in one shell as a reader's terminal would: variables,
 * the working directory and background jobs carry over. Before each command it writes a step
 * marker to both streams (so a failure's output can be cut out) and its number to `files.step`; a
 * command that ends with another code than expected is recorded in `files.failures` ("step code")
 * and stops the script with that code (with `keepGoing`, the script goes on: to count them all).
 */
export function readmeScript(
  blocks: ReadmeBlock[],
  files: { step: string; failures: string; times: string },
  keepGoing = false,
): { script: string; steps: ReadmeCommand[] } {
  const steps: ReadmeCommand[] = [];
  const out: string[] = [
    'set -euo pipefail',
    `__rt_step() { __rt_n=$1; printf '%s\\n' "$1" > ${quote(files.step)}; printf '%s %s\\n' "$1" "$EPOCHREALTIME" >> ${quote(files.times)}; printf '\\n@@readme-step %s@@\\n' "$1"; printf '\\n@@readme-step %s@@\\n' "$1" >&2; }`,
    `__rt_check() { if [ "$1" -ne "$2" ]; then printf '%s %s\\n' "$__rt_n" "$1" >> ${quote(files.failures)}; ${keepGoing ? ':' : 'exit "$1"'}; fi; }`,
  ];
  for (const block of blocks) {
    const commands = [...block.setup, ...block.commands];
    commands.forEach((command, index) => {
      const last = index === commands.length - 1;
      const expect = last ? block.exit : 0;
      out.push(`__rt_step ${steps.length}`);
      steps.push(command);
      const text = last && block.interruptAfter !== undefined ? interrupted(command.text, block.interruptAfter) : command.text;
      out.push(
        '__rt_status=0',
        '{',
        text,
        '} || __rt_status=$?',
        `__rt_check "$__rt_status" ${expect === 0 && last && block.interruptAfter !== undefined ? 130 : expect}`,
      );
    });
  }
  out.push(`__rt_step ${steps.length}`);
  return { script: `${out.join('\n')}\n`, steps };
}

/** A command that runs until Ctrl-C, given one after `seconds` (through bash -c, so it gets the signal). */
function interrupted(text: string, seconds: number): string {
  return `timeout --preserve-status -s INT ${seconds} bash -c ${quote(text)}`;
}

function quote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The output of one step, cut out of a stream by the markers. */
export function stepOutput(stream: string, step: number): string {
  const marker = `@@readme-step ${step}@@`;
  const from = stream.lastIndexOf(marker);
  if (from < 0) return '';
  const rest = stream.slice(from + marker.length);
  const next = rest.indexOf('\n@@readme-step ');
  return (next < 0 ? rest : rest.slice(0, next)).replace(/^\n/, '');
}
