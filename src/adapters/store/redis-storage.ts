import { createHash } from 'node:crypto';
import { createClient, ErrorReply } from 'redis';
import type { Logger, StorageAdapter } from '../../app/ports';
import { StoreUnavailableError } from '../../app/store-error';

/**
 * Compare-and-set in one step on the server: replace KEYS[1] by ARGV[2] (expiring in ARGV[3] ms) only while it
 * still holds ARGV[1]. Redis 8.4's `SET … IFEQ` does the same without a script; Debian's Redis 7 has no IFEQ.
 */
const COMPARE_AND_SET = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`;
const COMPARE_AND_DELETE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1]) return 1 end return 0`;

/** Scripts by their source, with the SHA-1 Redis knows them by. */
const scriptHashes = new Map<string, string>();
const hashOf = (source: string): string => {
  let sha = scriptHashes.get(source);
  if (sha === undefined) {
    sha = createHash('sha1').update(source).digest('hex');
    scriptHashes.set(source, sha);
  }
  return sha;
};

/** Reconnect soon after a blip, then every 2 s at most while Redis stays away. */
const RECONNECT_MAX_DELAY_MS = 2_000;

export interface RedisStorage extends StorageAdapter {
  /**
   * 'ok' while connected and answering in time; 'unavailable' from a failed or late command until one succeeds
   * again (asking is enough: while unavailable, each call sends a PING in the background).
   */
  health(): 'ok' | 'unavailable';
  /** Runs a Lua script (by hash, loading it when Redis does not know it), bounded like every command. */
  script(source: string, keys: string[], args: string[]): Promise<unknown>;
  /** Closes the connection, letting commands already sent finish. */
  close(): Promise<void>;
}

/**
 * Storage on Redis, shared by every replica: values with a Redis expiry (`PX`), compare-and-set by a Lua script,
 * claims by `SET NX`. Redis being down or slow must never hold up an answer to LINE: every command is bounded by
 * `commandTimeoutMs`, and while the connection is lost commands fail at once (no offline queue) and the client
 * reconnects by itself. Failures reject with StoreUnavailableError; the state changes are logged once each.
 * Connecting starts here and is not awaited: the bot serves (degraded) while Redis is not there yet.
 */
export function connectRedisStorage(options: {
  url: string;
  commandTimeoutMs: number;
  logger: Logger;
}): RedisStorage {
  const { logger } = options;
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    // Bounds what a hung Redis can pile up while each call times out on its own timer (see `run`).
    commandsQueueMaxLength: 10_000,
    // No per-command timeout in the client: `run` bounds every call already, and the client's timeout (on by default,
    // 5 s) builds an AbortSignal.timeout per command, measured at ~9 µs of CPU each against ~1.5 µs for the command.
    commandOptions: { timeout: 0 },
    socket: {
      connectTimeout: Math.max(options.commandTimeoutMs, 1_000),
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, RECONNECT_MAX_DELAY_MS),
    },
  });
  let down = false;
  let probing = false;
  const markDown = (cause: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ code: 'STORE_UNAVAILABLE', cause: describeCause(cause) }, 'redis unavailable: answering without shared sessions');
  };
  const markUp = () => {
    if (!down) return;
    down = false;
    logger.info({}, 'redis available again');
  };
  client.on('error', markDown);
  client.on('ready', markUp);
  client.connect().catch(markDown);

  // Each call is raced against its own timer: node-redis would time a command out only while it waits to be sent,
  // and once sent to a Redis that stopped answering it would wait for ever.
  const run = async <T>(command: () => Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new StoreUnavailableError(`redis did not answer within ${options.commandTimeoutMs} ms`)),
        options.commandTimeoutMs,
      );
    });
    try {
      const result = await Promise.race([command(), timedOut]);
      markUp();
      return result;
    } catch (error) {
      markDown(error);
      throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError('redis did not answer', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  };
  // By hash (EVALSHA), sending the source only when Redis does not know it yet: after its restart, for instance.
  const script = (source: string, keys: string[], args: string[]): Promise<unknown> => {
    const options = { keys, arguments: args };
    return run(async () => {
      try {
        return await client.evalSha(hashOf(source), options);
      } catch (error) {
        if (error instanceof ErrorReply && error.message.startsWith('NOSCRIPT')) return client.eval(source, options);
        throw error;
      }
    });
  };

  return {
    read: (key) => run(async () => (await client.get(key)) ?? undefined),
    async write(key, expected, value, ttlMs) {
      if (expected === undefined) {
        return run(async () => (await client.set(key, value, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } })) === 'OK');
      }
      return (await script(COMPARE_AND_SET, [key], [expected, value, String(ttlMs)])) === 1;
    },
    delete: async (key, expected) => (await script(COMPARE_AND_DELETE, [key], [expected])) === 1,
    script,
    health() {
      if (down && client.isReady && !probing) {
        probing = true;
        void run(() => client.ping())
          .catch((error: unknown) => {
            if (!(error instanceof StoreUnavailableError)) throw error;
          })
          .finally(() => (probing = false));
      }
      return client.isReady && !down ? 'ok' : 'unavailable';
    },
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}

/** The error's class and code only: a Redis error message can quote a key or a value. */
function describeCause(error: unknown): string {
  if (error instanceof ErrorReply) return `ErrorReply ${error.message.split(' ')[0] ?? ''}`;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${error.name} ${code}` : error.name;
  }
  return typeof error;
}
