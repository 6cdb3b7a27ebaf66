import { inspect } from 'node:util';

export const MASK = '******';

/**
 * A write-only value (hook secret, token, key). It prints as ****** through every route a value
 * can take to the screen or a file — String(), template literals, JSON.stringify, util.inspect —
 * so a secret cannot leak by accident. The one way to read it is `reveal()`, which only the
 * code that puts it on the wire calls.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return MASK;
  }
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}
