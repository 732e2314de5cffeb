/** A mistake in a content file (flows/ or data/): names the file and the field so an editor can fix it. */
export class ContentError extends Error {
  readonly code = 'CONTENT_INVALID';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `\n  - ${problems.join('\n  - ')}`}`, options);
    this.name = 'ContentError';
  }
}

/** Raised by exhaustive switches: reaching it means a union grew without its handler. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
