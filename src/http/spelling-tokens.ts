/**
 * The tokens of text as the spellings of a secret read it: at each position the literal character,
 * and where `\`, `%` or `+` stands, the character a JSON escape, a `%XX` UTF-8 run or a `+` (form
 * encoding of a space) decodes to.
 */

/** Longest token: `\uD83D\uDE00`, 12 code units. */
export const MAX_TOKEN = 12;

const SHORT_ESCAPES: Record<number, number> = { 34: 0x22, 92: 0x5c, 47: 0x2f, 98: 0x08, 102: 0x0c, 110: 0x0a, 114: 0x0d, 116: 0x09 };

/** The tokens starting at `i`: fills labels (code points) and lengths (code units), returns their count. */
export function tokensAt(text: string, i: number, labels: number[], lengths: number[]): number {
  const unit = text.charCodeAt(i);
  const literal = text.codePointAt(i) as number;
  labels[0] = literal;
  lengths[0] = literal > 0xffff ? 2 : 1;
  let count = 1;
  const add = (label: number, length: number): void => {
    labels[count] = label;
    lengths[count] = length;
    count++;
  };
  if (unit === 0x5c) {
    const short = SHORT_ESCAPES[text.charCodeAt(i + 1)];
    if (short !== undefined) add(short, 2);
    const high = unicodeEscape(text, i);
    if (high >= 0) {
      add(high, 6);
      const low = high >= 0xd800 && high <= 0xdbff ? unicodeEscape(text, i + 6) : -1;
      if (low >= 0xdc00 && low <= 0xdfff) add(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00), 12);
    }
  } else if (unit === 0x25) {
    const decoded = percentEscape(text, i);
    if (decoded >= 0) add(decoded >> 3, (decoded & 7) * 3);
  } else if (unit === 0x2b) {
    add(0x20, 1);
  }
  return count;
}

/** `\uXXXX` at i: the code unit, or -1. */
function unicodeEscape(text: string, i: number): number {
  if (text.charCodeAt(i) !== 0x5c || text.charCodeAt(i + 1) !== 0x75) return -1;
  let value = 0;
  for (let k = 2; k < 6; k++) {
    const digit = hexDigit(text.charCodeAt(i + k));
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** One UTF-8 character as `%XX` bytes at i: (code point << 3) | byte count, or -1. */
function percentEscape(text: string, i: number): number {
  const lead = percentByte(text, i);
  if (lead < 0) return -1;
  const count = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
  if (count === 0) return -1;
  let code = count === 1 ? lead : lead & (0xff >> (count + 1));
  for (let k = 1; k < count; k++) {
    const byte = percentByte(text, i + 3 * k);
    if (byte < 0 || (byte & 0xc0) !== 0x80) return -1;
    code = (code << 6) | (byte & 0x3f);
  }
  const tooShort = (count === 3 && code < 0x800) || (count === 4 && (code < 0x10000 || code > 0x10ffff));
  if (tooShort || (code >= 0xd800 && code <= 0xdfff)) return -1;
  return code * 8 + count;
}

function percentByte(text: string, i: number): number {
  if (text.charCodeAt(i) !== 0x25) return -1;
  const high = hexDigit(text.charCodeAt(i + 1));
  const low = hexDigit(text.charCodeAt(i + 2));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

function hexDigit(unit: number): number {
  if (unit >= 0x30 && unit <= 0x39) return unit - 0x30;
  const lower = unit | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
