/** What a command may ask a person at the terminal; deps.ts supplies it, runtime/interactive.ts guards it. */

/** One question; `validate` runs as the answer is typed and returns true or why the answer is refused. */
export interface Question<T> {
  message: string;
  default?: string | undefined;
  validate?: ((value: T) => string | true) | undefined;
  /** No colours (--no-color); NO_COLOR and a piped stderr turn them off by themselves. */
  plain?: boolean | undefined;
}

/**
 * What hookctl asks a person: free text, a hidden secret, a multi-select, a yes/no (default no).
 * A question given up (Ctrl-C, Esc-less end of input, the run aborted) rejects with InterruptedError.
 */
export interface Prompter {
  text(question: Question<string>): Promise<string>;
  secret(question: Question<string>): Promise<string>;
  choose(question: Question<readonly string[]> & { choices: readonly { value: string; checked: boolean }[] }): Promise<string[]>;
  confirm(question: Omit<Question<boolean>, 'default' | 'validate'>): Promise<boolean>;
}
