import { createClient } from 'redis';
import { connectRedisStorage, type RedisStorage } from '../src/adapters/store/redis-storage';
import type { Logger } from '../src/app/ports';
import { StoreUnavailableError } from '../src/app/store-error';
import { startRedisServer, type RedisServer } from './helpers/redis-server';
import { until } from './helpers/until';

const TIMEOUT_MS = 200;

describe('RedisStorage on a real redis-server', () => {
  let server: RedisServer;
  let storage: RedisStorage;
  let admin: ReturnType<typeof createClient>;
  const logs: { level: string; msg?: string }[] = [];
  const record = (level: string) => (_fields: object, msg?: string) => logs.push({ level, msg });
  const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };

  beforeAll(async () => {
    server = await startRedisServer();
    storage = connectRedisStorage({ url: server.url, commandTimeoutMs: TIMEOUT_MS, logger });
    admin = createClient({ url: server.url });
    await admin.connect();
    await until(() => storage.health() === 'ok');
  });
  afterAll(async () => {
    await storage.close();
    if (admin.isOpen) await admin.close();
    await server.close();
  });

  it('writes with a Redis expiry and compares before replacing or deleting', async () => {
    expect(await storage.write('k1', undefined, 'a', 60_000)).toBe(true);
    expect(await storage.write('k1', undefined, 'b', 60_000)).toBe(false);
    expect(await storage.write('k1', 'z', 'b', 60_000)).toBe(false);
    expect(await storage.write('k1', 'a', 'b', 30_000)).toBe(true);
    expect(await storage.read('k1')).toBe('b');
    const ttl = await admin.pTTL('k1');
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await storage.delete('k1', 'a')).toBe(false);
    expect(await storage.delete('k1', 'b')).toBe(true);
    expect(await storage.read('k1')).toBeUndefined();
  });

  it('forgets a value when Redis expires it', async () => {
    await storage.write('k2', undefined, 'a', 60_000);
    await admin.pExpire('k2', 1);
    await until(async () => (await admin.exists('k2')) === 0);
    expect(await storage.read('k2')).toBeUndefined();
    expect(await storage.write('k2', 'a', 'b', 60_000)).toBe(false);
  });

  it('a frozen Redis fails each call within its timeout, and is reported until it answers again', async () => {
    server.freeze();
    try {
      const started = Date.now();
      await expect(storage.read('k3')).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 5);
      expect(storage.health()).toBe('unavailable');
    } finally {
      server.thaw();
    }
    expect(await storage.write('k3', undefined, 'a', 60_000)).toBe(true);
    expect(logs.map((l) => l.msg).filter(Boolean)).toEqual(['redis unavailable: answering without shared sessions', 'redis available again']);
  });

  it('a stopped Redis fails calls at once; the client reconnects by itself when it is back', async () => {
    await admin.close();
    await server.stop();
    await until(() => storage.health() === 'unavailable');
    const started = Date.now();
    await expect(storage.read('k4')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 5);
    expect(logs.filter((l) => l.msg?.startsWith('redis unavailable'))).not.toHaveLength(0);
    await server.start();
    await until(async () => (await storage.write('k4', undefined, 'a', 60_000).catch(() => false)) === true);
    expect(await storage.read('k4')).toBe('a');
    expect(logs.some((l) => l.msg === 'redis available again')).toBe(true);
    admin = createClient({ url: server.url });
    await admin.connect();
  });

  it('starts while Redis is not there yet, and connects once it is', async () => {
    const late = await startRedisServer();
    await late.stop();
    const early = connectRedisStorage({ url: late.url, commandTimeoutMs: TIMEOUT_MS, logger });
    try {
      await expect(early.read('k5')).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(early.health()).toBe('unavailable');
      await late.start();
      await until(() => early.health() === 'ok');
      expect(await early.write('k5', undefined, 'a', 60_000)).toBe(true);
    } finally {
      await early.close();
      await late.close();
    }
  });
});
