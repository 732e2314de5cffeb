import type http from 'node:http';

/**
 * Answers with a JSON body, with the same status, headers and bytes as Express's `res.status(status).json(body)`,
 * on a bare node:http response: the webhook's own path answers without Express (node-chain.ts).
 */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(json));
  res.end(json);
}
