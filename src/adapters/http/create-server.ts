import http from 'node:http';
import type { HttpServerLimits } from '../../config';

/**
 * The public HTTP server with its edge limits: a client that trickles its headers or body is cut off once
 * `headersTimeoutSeconds` / `requestTimeoutSeconds` have passed (answered 408, socket closed), a silent socket
 * after `headersTimeoutSeconds` of silence, and connections
 * beyond `maxConnections` are closed as they arrive, so slow or idle sockets cannot use up the descriptors the
 * webhook needs. Node checks the timeouts every `connectionsCheckingInterval` (30 s by default, which would let a
 * 10 s limit run to 40 s); checking every second keeps the limits near what they say.
 */
export function createHttpServer(app: http.RequestListener, limits: HttpServerLimits): http.Server {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutSeconds * 1000,
      requestTimeout: limits.requestTimeoutSeconds * 1000,
      connectionsCheckingInterval: 1000,
    },
    app,
  );
  // The headers timeout starts with a request's first byte: a socket that never sends one is closed when it has
  // been silent as long (and so is any socket that goes silent, e.g. one that stops reading our answer).
  server.timeout = limits.headersTimeoutSeconds * 1000;
  server.maxConnections = limits.maxConnections;
  return server;
}
