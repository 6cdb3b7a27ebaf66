/**
 * Counts the items of a JSON list while its bytes arrive, so a page with more items than asked
 * for is refused before the rest of it is read (or parsed). The list is the top-level array, or
 * an array held directly by the top-level object (Codeup's `{"Result": […]}`, ServiceStage's
 * `{"hooks": […]}`): every provider's list answer has exactly one of those. Works on UTF-8 bytes
 * (every structural character is ASCII, and no byte of a multi-byte character is); memory is a
 * few numbers whatever the nesting, so a hostile body cannot grow it.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** A counter fed chunk by chunk; `onItem` sees the running count as each item starts (it may throw to stop). */
export function jsonItemCounter(onItem: (count: number) => void): (chunk: Uint8Array) => void {
  let depth = 0;
  /** The containers at depth 1 and 2 (the only ones that can be the list or hold it). */
  let first = 0;
  let second = 0;
  let inString = false;
  let escaped = false;
  /** Inside the list, right after `[` or `,`: the next non-space byte starts an item (unless it is `]`). */
  let awaiting = false;
  let count = 0;
  const inList = () => (depth === 1 ? first === OPEN_ARRAY : depth === 2 && first === OPEN_OBJECT && second === OPEN_ARRAY);
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) inString = false;
        continue;
      }
      if (isSpace(b)) continue;
      if (awaiting) {
        awaiting = false;
        if (b !== CLOSE_ARRAY) onItem(++count);
      }
      if (b === QUOTE) inString = true;
      else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
        depth++;
        if (depth === 1) first = b;
        else if (depth === 2) second = b;
        if (b === OPEN_ARRAY && inList()) awaiting = true;
      } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) depth = Math.max(0, depth - 1);
      else if (b === COMMA && inList()) awaiting = true;
    }
  };
}
