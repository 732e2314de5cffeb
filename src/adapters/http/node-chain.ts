import type http from 'node:http';
import { HttpError } from './http-error';

/** A request once a body parser ran (Express's own Request says the same). */
export type ParsedRequest = http.IncomingMessage & { body: unknown };

/** A middleware written for node:http (helmet, the body parser, the LINE SDK's signature check), usable in Express too. */
export type NodeMiddleware = (req: ParsedRequest, res: http.ServerResponse, next: (error?: unknown) => void) => unknown;

/**
 * Runs `handlers` in order as Express would, without Express: each calls `next` to go on; a throw, a rejected
 * promise or `next(error)` goes to `onError` instead. Past the last handler the route had no answer: 404, as Express
 * would fall through to its not-found handler.
 */
export function runChain(
  handlers: readonly NodeMiddleware[],
  req: ParsedRequest,
  res: http.ServerResponse,
  onError: (error: unknown) => void,
): void {
  let index = 0;
  const next = (error?: unknown): void => {
    if (error) {
      onError(error);
      return;
    }
    const handler = handlers[index];
    index += 1;
    if (!handler) {
      onError(new HttpError(404, 'NOT_FOUND', 'no such route'));
      return;
    }
    try {
      const result = handler(req, res, next);
      if (result instanceof Promise) result.catch((reason: unknown) => next(reason || new Error('Rejected promise')));
    } catch (thrown) {
      next(thrown);
    }
  };
  next();
}
