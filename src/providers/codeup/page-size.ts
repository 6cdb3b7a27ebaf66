/**
 * Both Codeup APIs take 1–max hooks per page (codeup.md §6); anything else would be refused, or
 * make "a short page is the last" loop forever, so an out-of-range size is clamped.
 */
export function clampPageSize(size: number | undefined, max: number): number {
  return size === undefined || !Number.isInteger(size) ? max : Math.min(Math.max(size, 1), max);
}
