/**
 * The emulator's middleware seam: every provider request passes through a chain of
 * `(request, next) => response` steps, outermost first (handle.ts builds the chain; faults.ts is the
 * built-in step). Kept apart from both so neither imports the other.
 */

export type EmulatorHandler = (request: Request) => Promise<Response>;
/** Wraps the provider APIs: call `next(request)` to pass on, or answer without calling it. */
export type EmulatorMiddleware = (request: Request, next: EmulatorHandler) => Promise<Response>;

/** One handler from a chain of middleware (outermost first) in front of `last`. */
export function composeMiddleware(chain: readonly EmulatorMiddleware[], last: EmulatorHandler): EmulatorHandler {
  return chain.reduceRight<EmulatorHandler>((next, middleware) => (request) => middleware(request, next), last);
}
