import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { config as loadDotenv } from 'dotenv';
import { loadContent } from './adapters/content/load-content';
import { createLogger } from './adapters/log/create-logger';
import { ConfigError, loadConfig } from './config';
import { createBot } from './create-bot';
import { ContentError } from './core/errors';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const rootDir = process.cwd();
  const content = loadContent(rootDir);
  if (!config.publicBaseUrl) {
    logger.warn({}, 'PUBLIC_BASE_URL is not set: agency cards show contact channels as text, without icons');
  }
  const bot = createBot({ config, content, logger, rootDir });
  const server = http.createServer(bot.app).listen({ port: config.port, host: config.host });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  logger.info({ host: config.host ?? 'all interfaces', port, line: config.line !== undefined, preview: config.preview, flowVersion: content.flow.version }, 'listening');
  if (config.preview) console.log(`Preview: open http://localhost:${port}/ in a browser`);

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs);
    force.unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.all([closed, bot.shutdown()]);
    logger.info({}, 'stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ContentError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
