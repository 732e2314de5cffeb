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

export type LineApiErrorCode = 'LINE_API_STATUS' | 'LINE_API_TIMEOUT' | 'LINE_API_UNREACHABLE';

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
}
