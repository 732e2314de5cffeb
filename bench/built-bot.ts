import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import { findFreePort, readLogLines, startNode, waitForHealthy, type NodeChild } from './child-processes';

export interface BuiltBot {
  readonly node: NodeChild;
  readonly port: number;
  /** Posts one signed webhook with these events; resolves with its status and body once answered. */
  postWebhook(events: readonly unknown[]): Promise<{ status: number; body: string }>;
}

/**
 * The built bot (dist/src/main.js) as production runs it, with a fresh channel, against the LINE API at
 * `lineBaseUrl`, on a free loopback port; `onLog` gets each line of its log. Resolves once /healthz answers 200.
 */
export async function startBuiltBot(options: {
  lineBaseUrl: string;
  env?: NodeJS.ProcessEnv;
  onLog: (line: Record<string, unknown>) => void;
}): Promise<BuiltBot> {
  const root = path.resolve(__dirname, '../..');
  const secret = randomBytes(16).toString('hex');
  const port = await findFreePort();
  const node = startNode({
    script: path.join(root, 'dist/src/main.js'),
    nodeFlags: [],
    cwd: root,
    pipeStdout: true,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LINE_CHANNEL_SECRET: secret,
      LINE_CHANNEL_ACCESS_TOKEN: randomBytes(24).toString('base64url'),
      LINE_API_BASE_URL: options.lineBaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...options.env,
    },
  });
  readLogLines(node.child, options.onLog);
  // Generous: start-up on a busy shared machine can take many seconds.
  await waitForHealthy(port, { everyMs: 50, timeoutMs: 60_000, child: node.child });
  return {
    node,
    port,
    async postWebhook(events) {
      const body = JSON.stringify({ destination: 'Ubench', events });
      const response = await fetch(`http://127.0.0.1:${port}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': createHmac('sha256', secret).update(body).digest('base64') },
        body,
      });
      return { status: response.status, body: await response.text() };
    },
  };
}
