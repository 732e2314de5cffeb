import { JSONParseError, SignatureValidationFailed } from '@line/bot-sdk';
import type http from 'node:http';
import type { ErrorRequestHandler } from 'express';
import { OverloadedError, ShuttingDownError } from '../../app/handle-webhook';
import { describeError } from '../../app/describe-error';
import type { Logger } from '../../app/ports';
import { HttpError } from './http-error';
import { sendJson } from './send-json';
import type { WarningLimiter } from './warning-limiter';

/** What the answer to a failed request may say about the request: never its body, query or headers beyond these. */
export interface FailedRequest {
  readonly method: string | undefined;
  /** The URL's path, without the query. */
  readonly path: string;
  readonly contentEncoding: string | undefined;
}

export type AnswerFailure = (error: unknown, request: FailedRequest, res: http.ServerResponse) => void;

/**
 * Maps failures to LINE-predictable answers: 401 for a bad or missing signature, 400 for a body that is not
 * JSON or not a webhook, 413 for an oversized body, 500 otherwise. Bodies are never logged, nor echoed: a JSON
 * parser's message quotes the start of the body, which may be what someone wrote. The log names the route by its
 * first path segment only (a full URL can carry anything), and 4xx warnings go through `limiter`. Shared by Express
 * and the webhook's own path (create-app.ts), so both answer alike.
 */
export function createFailureAnswer(logger: Logger, limiter: WarningLimiter): AnswerFailure {
  return (error, request, res) => {
    const { status, code, message } = classify(error, request.contentEncoding);
    const fields = { method: request.method, route: firstSegment(request.path), status, code };
    if (status >= 500) {
      // The error's class, code and stack frames, never its message (it may quote the body). Shedding is logged by
      // the handler, every few seconds with a count, not once per refused webhook.
      if (!(error instanceof OverloadedError)) logger.error({ ...fields, err: describeError(error) }, message);
    } else {
      const taken = limiter.take(code);
      if (taken.log) logger.warn(taken.heldBack > 0 ? { ...fields, heldBack: taken.heldBack } : fields, message);
    }
    if (!res.headersSent) sendJson(res, status, { code, message });
  };
}

/** Express's last handler: every failure of every route it serves. */
export function toErrorHandler(answer: AnswerFailure): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => answer(error, { method: req.method, path: req.path, contentEncoding: req.headers['content-encoding'] }, res);
}

function classify(error: unknown, contentEncoding: string | undefined): { status: number; code: string; message: string } {
  if (error instanceof SignatureValidationFailed) {
    return { status: 401, code: 'BAD_SIGNATURE', message: 'the x-line-signature header is missing or wrong' };
  }
  if (error instanceof JSONParseError) return { status: 400, code: 'BAD_JSON', message: 'the body is not valid JSON' };
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof ShuttingDownError || error instanceof OverloadedError) return { status: 503, code: error.code, message: error.message };
  if (isBodyParserError(error)) {
    switch (error.type) {
      case 'entity.parse.failed':
        return { status: 400, code: 'BAD_JSON', message: 'the body is not valid JSON' };
      case 'entity.too.large':
        return { status: 413, code: 'BODY_TOO_LARGE', message: 'the body is too large' };
      default:
        return { status: error.status, code: error.type.toUpperCase().replace(/\W/g, '_'), message: 'the body could not be read' };
    }
  }
  // A body that fails to decompress (corrupt gzip, deflate or br) reaches us as zlib's own error, marked 400 by the
  // body parser but without a `type`: the sender's fault, not ours.
  if (isClientFault(error)) {
    return contentEncoding && contentEncoding !== 'identity'
      ? { status: 400, code: 'BAD_BODY_ENCODING', message: 'the body could not be decoded (Content-Encoding)' }
      : { status: 400, code: 'BAD_BODY', message: 'the body could not be read' };
  }
  return { status: 500, code: 'INTERNAL', message: 'internal error' };
}

/** `/preview/api/events` → `/preview`: enough to tell routes apart, too little to carry someone's data. */
function firstSegment(path: string): string {
  return /^\/[^/]{0,40}/.exec(path)?.[0] ?? '/';
}

/** An error the body parser marked as the client's (http-errors sets `status` and `expose` on it). */
function isClientFault(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && error.status === 400 && 'expose' in error && error.expose === true;
}

/** Errors thrown by express.raw/express.json carry `status` and `type` (e.g. entity.too.large). */
function isBodyParserError(error: unknown): error is { status: number; type: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    typeof error.status === 'number' &&
    error.status >= 400 &&
    error.status < 500 &&
    'type' in error &&
    typeof error.type === 'string'
  );
}
