/** What one failed call to the LINE API left for the log: never a request body. */
export interface CallFailure {
  /** HTTP status, when LINE answered. */
  readonly status?: number;
  /** LINE's `x-line-request-id`, to find the call on LINE's side. */
  readonly requestId?: string;
  /** LINE's own error message (`{"message": …}`); it never holds what the person wrote. */
  readonly lineMessage?: string;
  /** Why no answer came: the socket error code (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET…) or ETIMEDOUT. */
  readonly cause?: string;
}

/** `LINE_API_DOWN`: calls to LINE were stopped (it kept failing) and it did not answer again before the deadline. */
export type LineApiErrorCode = 'LINE_API_STATUS' | 'LINE_API_TIMEOUT' | 'LINE_API_UNREACHABLE' | 'LINE_API_DOWN';

/** Why a reply to LINE failed after its last attempt, with what each earlier attempt left. */
export class LineApiError extends Error {
  constructor(
    readonly code: LineApiErrorCode,
    message: string,
    readonly details: CallFailure & { readonly attempts: number; readonly earlier?: readonly CallFailure[] },
  ) {
    super(message);
    this.name = 'LineApiError';
  }

  /** A 4xx other than 429: LINE refused the reply itself, and a redelivery of the event would be refused too. */
  get final(): boolean {
    const { status } = this.details;
    return status !== undefined && status >= 400 && status < 500 && status !== 429;
  }
}
