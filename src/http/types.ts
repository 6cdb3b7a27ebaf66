/**
 * The wire-level vocabulary shared by the client, the auth steps, the transport and the emulator's
 * verifiers. Header names are always lower-case. `body` holds the exact bytes that go on the wire,
 * so a signature computed over it covers what the server receives.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Connect to this IP address instead of looking the URL's host up; the Host header and the TLS
   * server name stay the URL's. Set where the address was checked before sending (`hooks test`).
   */
  address?: string | undefined;
  /** Limits on this one answer's body, checked while it arrives (a listing's page: paging.ts). */
  watch?: BodyWatch | undefined;
}

/**
 * What a caller knows about the body it is about to read: a byte cap below the response limit, and
 * a look at each chunk of a 2xx body as it arrives. Either one stops the read at once (the rest is
 * never read nor buffered) by throwing its own error, which the request then fails with.
 */
export interface BodyWatch {
  /** The most bytes this body may have; past it, `tooLarge()` is thrown. */
  maxBytes?: number | undefined;
  tooLarge?: (() => Error) | undefined;
  /** Sees each chunk of a 2xx body; throws to stop reading. */
  onChunk?: ((chunk: Uint8Array) => void) | undefined;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** One function from request to response: undici in production, anything in tests. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/**
 * Adds credentials to a request: a header, a query parameter, or a signature. It runs last, just
 * before the transport, so a signature covers the final URL, headers and body bytes.
 */
export interface AuthStep {
  /** Names the mode for `auth status` and --debug, e.g. "alibaba-acs3", "x-auth-token". */
  readonly name: string;
  authorize(request: HttpRequest): Promise<void>;
  /**
   * For --dry-run: the same shape of credentials without any network call (an IAM token step
   * must not log in). Placeholders are fine here, because previews are printed masked.
   */
  preview(request: HttpRequest): void;
  /** Every secret value this step may put on the wire, so output can be scrubbed of them. */
  secrets(): string[];
  /**
   * Called after a 401. Returns true when fresh credentials were obtained and one retry makes
   * sense (an expired cached token); false otherwise (a refused signature is never retried).
   */
  renew?(): Promise<boolean>;
}

/** A request as printed by --dry-run and --debug: credentials and secrets already masked. */
export interface RequestPreview {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}
