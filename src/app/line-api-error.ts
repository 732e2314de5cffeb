/** Why a call to the LINE API failed; carries what the log needs to find it on LINE's side. */
export class LineApiError extends Error {
  constructor(
    readonly code: 'LINE_API_STATUS' | 'LINE_API_TIMEOUT' | 'LINE_API_UNREACHABLE',
    message: string,
    readonly details: { readonly status?: number; readonly requestId?: string | null; readonly lineMessage?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LineApiError';
  }
}
