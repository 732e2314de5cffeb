import { once } from 'node:events';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { config as loadDotenv } from 'dotenv';
import { CONTENT_FILES, checkRenderedContent, loadContent } from './adapters/content/load-content';
import { createHttpServer } from './adapters/http/create-server';
import { createLogger } from './adapters/log/create-logger';
import { createMetricsServer } from './adapters/metrics/metrics-server';
import { createPrometheusMetrics } from './adapters/metrics/prometheus-metrics';
import { ConfigError, loadConfig } from './config';
import { createBot } from './create-bot';
import { ContentError } from './core/errors';
import { findStaleSpecialPeriods } from './core/facts/find-stale-special-periods';

/** After the grace period, how much longer closing the server and the store may take before a forced exit. */
const SHUTDOWN_BACKSTOP_MS = 5_000;
/** How long a request still being answered when the server closes may take to finish. */
const SERVER_CLOSE_WAIT_MS = 1_000;

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const rootDir = process.cwd();
  const content = loadContent(rootDir);
  checkRenderedContent(content, { iconBaseUrl: config.publicBaseUrl, pagesBaseUrl: config.publicBaseUrl }, Date.now());
  if (!config.publicBaseUrl) {
    logger.warn({}, 'PUBLIC_BASE_URL is not set: agency cards show contact channels as text, without icons, and no card links the first-step pages (/first-step/draft, /first-step/summary)');
  }
  // About the data, not the running bot: said once by the process (and by npm run validate), not by every bot made.
  for (const warning of findStaleSpecialPeriods(content, CONTENT_FILES, Date.now())) logger.warn({}, warning);
  const metrics = config.metricsPort === undefined ? undefined : createPrometheusMetrics(content.flow);
  const bot = createBot({ config, content, logger, rootDir, metrics });
  const server = createHttpServer(bot.app, config.http).listen({ port: config.port, host: config.host });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  logger.info({ host: config.host ?? 'all interfaces', port, line: config.line !== undefined, preview: config.preview, flowVersion: content.flow.version }, 'listening');
  if (config.preview) console.log(`Preview: open http://localhost:${port}/ in a browser`);
  const metricsServer = metrics && createMetricsServer(metrics.registry).listen({ port: config.metricsPort, host: config.host });
  if (metricsServer) {
    await once(metricsServer, 'listening');
    logger.info({ metricsPort: (metricsServer.address() as AddressInfo).port }, 'serving /metrics');
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    // A backstop only: the grace period below already bounds the wait for replies.
    setTimeout(() => {
      logger.error({}, 'shutdown did not finish after its grace period');
      process.exit(1);
    }, config.shutdownGraceMs + SHUTDOWN_BACKSTOP_MS).unref();
    // Still listening while replies finish: health checks see 503, LINE gets 503 for new webhooks and redelivers.
    const stopped = bot.shutdown(config.shutdownGraceMs);
    server.closeIdleConnections();
    await stopped;
    await Promise.all([closeServer(server), metricsServer && closeServer(metricsServer)]);
    logger.info({}, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Stops listening and ends the connections left: idle ones now, busy ones after their answer or a short wait. */
async function closeServer(server: http.Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), SERVER_CLOSE_WAIT_MS);
  await closed;
  clearTimeout(timer);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ContentError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
