/** What the log keeps of an error: enough to find the fault, nothing that could quote what a person wrote. */
export interface ErrorDescription {
  /** The error's class (`TypeError`, `LineApiError`), or the type of a thrown non-error. */
  readonly class: string;
  /** A string `code` the error carries (`ECONNRESET`, `LINE_API_TIMEOUT`), if any. */
  readonly code?: string;
  /** The stack frames only: the first line of a stack repeats the message. */
  readonly stack?: string;
  /** The same for the error's `cause`, one level deep. */
  readonly cause?: ErrorDescription;
}

/** Frames of a V8 stack start with "at "; everything else in it is the message, which may quote input. */
const FRAME = /^\s+at /;

/**
 * Describes an error for the log by its class, code and stack frames, never its message: a JSON parser's message
 * quotes the body it choked on, a TypeError's may name a value, and bodies hold what people wrote.
 */
export function describeError(error: unknown, depth = 1): ErrorDescription {
  if (!(error instanceof Error)) return { class: error === null ? 'null' : typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = error.stack?.split('\n').filter((line) => FRAME.test(line)).map((line) => line.trim());
  return {
    class: error.constructor.name || error.name,
    ...(typeof code === 'string' && { code }),
    ...(frames && frames.length > 0 && { stack: frames.join('\n') }),
    ...(depth > 0 && error.cause !== undefined && { cause: describeError(error.cause, depth - 1) }),
  };
}
