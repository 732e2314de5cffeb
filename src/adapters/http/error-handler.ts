import { JSONParseError, SignatureValidationFailed } from '@line/bot-sdk';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../../app/ports';
import { HttpError } from './http-error';

/**
 * Maps failures to LINE-predictable answers: 401 for a bad or missing signature, 400 for a body that is not
 * JSON or not a webhook, 413 for an oversized body, 500 otherwise. Bodies are never logged.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const { status, code, message } = classify(error);
    const log = status >= 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
    log({ method: req.method, path: req.path, status, code }, message);
    if (!res.headersSent) res.status(status).json({ code, message });
  };
}

function classify(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof SignatureValidationFailed) {
    return { status: 401, code: 'BAD_SIGNATURE', message: error.message };
  }
  if (error instanceof JSONParseError) return { status: 400, code: 'BAD_JSON', message: 'the body is not valid JSON' };
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message };
  if (isBodyParserError(error)) {
    return { status: error.status, code: error.type.toUpperCase().replace(/\W/g, '_'), message: error.message };
  }
  return { status: 500, code: 'INTERNAL', message: 'internal error' };
}

/** Errors thrown by express.raw/express.json carry `status` and `type` (e.g. entity.too.large). */
function isBodyParserError(error: unknown): error is { status: number; type: string; message: string } {
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
