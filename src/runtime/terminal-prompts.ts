/**
 * The Prompter on a real terminal, with inquirer's prompts (@inquirer/input, password, checkbox,
 * confirm): maintained, ESM, small (they share @inquirer/core, already in the tree), validation as
 * the answer is typed, a hidden password prompt, an AbortSignal, and streams passed in rather than
 * process.stdin/stdout assumed. Loaded only when a question is asked (deps.ts). Whether a question
 * may be asked at all is hookctl's own decision (runtime/interactive.ts): inquirer asks anywhere.
 */
import checkbox from '@inquirer/checkbox';
import confirm from '@inquirer/confirm';
import input from '@inquirer/input';
import password from '@inquirer/password';
import { InterruptedError } from '../errors.js';
import type { Prompter } from './prompter.js';

export interface TerminalStreams {
  input: NodeJS.ReadableStream;
  /** stderr: stdout stays for data. */
  output: NodeJS.WritableStream;
  signal: AbortSignal;
}

const same = (text: string) => text;

/** inquirer's theme without colour (its own colours follow NO_COLOR and the terminal already). */
const PLAIN = {
  prefix: { idle: '?', done: '✔' },
  style: {
    answer: same,
    message: same,
    error: (text: string) => `> ${text}`,
    defaultAnswer: (text: string) => `(${text})`,
    help: same,
    highlight: same,
    key: (text: string) => `<${text}>`,
    description: same,
    disabled: same,
    keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${action}`).join(' • '),
  },
  icon: { checked: '◉', unchecked: '◯', cursor: '❯' },
};

export function createTerminalPrompter(streams: TerminalStreams): Prompter {
  const context = { input: streams.input, output: streams.output, signal: streams.signal };
  const theme = (plain: boolean | undefined) => (plain ? { theme: PLAIN } : {});
  return {
    text: (q) => given(input({ message: q.message, default: q.default, validate: q.validate, ...theme(q.plain) }, context), streams.signal),
    secret: (q) => given(password({ message: q.message, validate: q.validate, ...theme(q.plain) }, context), streams.signal),
    choose: (q) =>
      given(
        checkbox(
          {
            message: q.message,
            choices: q.choices.map((c) => ({ value: c.value, name: c.value, checked: c.checked })),
            validate: q.validate && ((chosen) => (q.validate as (v: readonly string[]) => string | true)(chosen.map((c) => c.value))),
            ...theme(q.plain),
          },
          context,
        ),
        streams.signal,
      ),
    confirm: (q) => given(confirm({ message: q.message, default: false, ...theme(q.plain) }, context), streams.signal),
  };
}

/**
 * Ctrl-C at a prompt (the terminal is in raw mode, so it arrives as a key, not as SIGINT), or the
 * run aborted meanwhile (SIGTERM): one interruption, exit 130 or 143, and nothing was changed.
 */
async function given<T>(answer: Promise<T>, signal: AbortSignal): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    if (name !== 'ExitPromptError' && name !== 'AbortPromptError' && name !== 'CancelPromptError') throw error;
    const reason = (signal.reason as { signal?: unknown } | undefined)?.signal;
    throw new InterruptedError('interrupted at a prompt: nothing was changed', { signal: reason === 'SIGTERM' ? 'SIGTERM' : undefined });
  }
}
