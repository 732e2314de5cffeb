import http from 'node:http';
import type { Registry } from 'prom-client';

/**
 * GET /metrics in Prometheus' text format, on its own port: the public port (LINE's webhook, the preview) never
 * serves it. Anything else is 404.
 */
export function createMetricsServer(registry: Registry): http.Server {
  return http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(error)}\n`),
    );
  });
}
