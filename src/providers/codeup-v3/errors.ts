import type { HttpResponse } from '../../http/types.js';
import { providerError, tryJson } from '../errors.js';
import { CODEUP_V3 } from './facts.js';
import { CodeupEnvelopeSchema, PopErrorSchema } from './wire.js';

const AUTH_CODES: readonly string[] = CODEUP_V3.authCodes;
const NOT_FOUND_CODES: readonly string[] = CODEUP_V3.notFoundCodes;

/**
 * A Codeup error answer → typed error. Two body shapes arrive: the POP gateway's
 * `{RequestId, Code, Message}` (signature, key, throttling) and Codeup's envelope
 * `{RequestId, Success:false, ErrorCode, ErrorMessage}`.
 */
export function codeupError(res: HttpResponse): Error {
  const body = tryJson(res);
  const requestId = res.headers[CODEUP_V3.requestIdHeader];
  const envelope = CodeupEnvelopeSchema.safeParse(body);
  const pop = PopErrorSchema.safeParse(body);
  const code = (envelope.success ? envelope.data.ErrorCode : undefined) ?? (pop.success ? pop.data.Code : undefined) ?? undefined;
  const message = (envelope.success ? envelope.data.ErrorMessage : undefined) ?? (pop.success ? pop.data.Message : undefined) ?? undefined;
  const info = {
    provider: CODEUP_V3.label,
    status: res.status,
    providerCode: code,
    providerMessage: message,
    requestId: (envelope.success ? envelope.data.RequestId : undefined) ?? requestId,
  };
  if (code && AUTH_CODES.includes(code)) {
    const hint =
      code === 'SignatureDoesNotMatch'
        ? 'the signature was refused: check ALIBABA_CLOUD_ACCESS_KEY_SECRET'
        : code === 'InvalidTimeStamp.Expired'
          ? 'the clock of this machine is off by more than 15 minutes'
          : undefined;
    return providerError(info, 'auth', hint);
  }
  if (code && NOT_FOUND_CODES.includes(code)) return providerError(info, 'not_found');
  return providerError(info);
}
