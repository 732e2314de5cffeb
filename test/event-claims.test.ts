import { createMemoryClaims } from '../src/adapters/store/memory-claims';
import { MemoryStorage } from '../src/adapters/store/memory-storage';
import { createRedisClaims } from '../src/adapters/store/redis-claims';
import { connectRedisStorage, type RedisStorage } from '../src/adapters/store/redis-storage';
import type { EventClaims, Logger } from '../src/app/ports';
import { startRedisServer, type RedisServer } from './helpers/redis-server';

/**
 * The claim rules, the same in memory and in Redis's scripts (one process, or replicas sharing Redis): what a
 * second delivery of an event finds while the first holds it, after the first's reply went out, after it failed
 * for now, and after its replica died.
 */
const LEASE_MS = 3_000;
const SESSION = 's:person';
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let redisServer: RedisServer;
let redis: RedisStorage;
beforeAll(async () => {
  redisServer = await startRedisServer();
  redis = connectRedisStorage({ url: redisServer.url, commandTimeoutMs: 1_000, logger: silent });
  // Connecting is not awaited by the storage (the bot serves meanwhile); the test waits for it.
  for (let tries = 0; redis.health() !== 'ok'; tries += 1) {
    if (tries === 200) throw new Error('redis did not connect');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
});
afterAll(async () => {
  await redis.close();
  await redisServer.close();
});

let now = 1_767_000_000_000;
let sequence = 0;
const clock = { now: () => now };
const stores: [string, () => { claims: EventClaims; writeSession(value: string): Promise<void>; readSession(): Promise<string | undefined> }][] = [
  [
    'memory',
    () => {
      const sessions = new MemoryStorage({ maxEntries: 100, clock });
      const claims = createMemoryClaims({ events: new MemoryStorage({ maxEntries: 100, clock }), sessions, clock, leaseMs: LEASE_MS, keepMs: 60_000 });
      return {
        claims,
        writeSession: async (value) => sessions.put(SESSION, value, 60_000),
        readSession: async () => sessions.peek(SESSION),
      };
    },
  ],
  [
    'redis',
    () => ({
      claims: createRedisClaims({ redis, clock, leaseMs: LEASE_MS, keepMs: 60_000 }),
      writeSession: async (value) => void (await redis.script("redis.call('SET', KEYS[1], ARGV[1]) return 1", [SESSION], [value])),
      readSession: () => redis.read(SESSION),
    }),
  ],
];

describe.each(stores)('event claims in %s', (_name, make) => {
  let store: ReturnType<typeof make>;
  let id: string;
  beforeEach(async () => {
    store = make();
    id = `EVENT${(sequence += 1)}${Date.now()}`;
    await store.writeSession('["before"]');
  });

  it('the first delivery claims and reads the session; a second finds it busy until the reply is confirmed, then done', async () => {
    expect(await store.claims.claim(id, 'first', SESSION)).toEqual({ kind: 'new', session: '["before"]' });
    now += 1_000;
    expect(await store.claims.claim(id, 'second', SESSION)).toEqual({ kind: 'busy', leaseLeftMs: LEASE_MS - 1_000 });
    expect(await store.claims.saveStepped(id, 'first', { key: SESSION, expected: '["before"]', next: '["after"]', ttlMs: 60_000 })).toBe('saved');
    expect(await store.readSession()).toBe('["after"]');
    await store.claims.settle(id, 'first', 'done');
    expect(await store.claims.claim(id, 'second', SESSION)).toEqual({ kind: 'done' });
  });

  it('a reply given back for a retry: the next delivery replays the step from the session it was made from', async () => {
    await store.claims.claim(id, 'first', SESSION);
    await store.claims.saveStepped(id, 'first', { key: SESSION, expected: '["before"]', next: '["after"]', ttlMs: 60_000 });
    await store.claims.settle(id, 'first', 'retry');
    expect(await store.claims.claim(id, 'second', SESSION)).toEqual({ kind: 'replay', prior: '["before"]' });
    // The first delivery's word no longer counts.
    await store.claims.settle(id, 'first', 'done');
    expect(await store.claims.claim(id, 'third', SESSION)).toMatchObject({ kind: 'busy' });
  });

  it('a dead replica’s claim lapses: stepped, it is replayed; not stepped, handled anew; its late save is refused', async () => {
    await store.claims.claim(id, 'dead', SESSION);
    now += LEASE_MS + 1;
    expect(await store.claims.claim(id, 'alive', SESSION)).toEqual({ kind: 'new', session: '["before"]' });
    expect(await store.claims.saveStepped(id, 'dead', { key: SESSION, expected: '["before"]', next: '["twice"]', ttlMs: 60_000 })).toBe('claim-lost');
    expect(await store.claims.saveStepped(id, 'alive', { key: SESSION, expected: '["before"]', next: undefined, ttlMs: 60_000 })).toBe('saved');
    expect(await store.readSession()).toBeUndefined();
    now += LEASE_MS + 1;
    expect(await store.claims.claim(id, 'third', SESSION)).toEqual({ kind: 'replay', prior: '["before"]' });
  });

  it('a save on a session changed meanwhile is a conflict, and a claim without a session reads none', async () => {
    expect(await store.claims.claim(id, 'first', undefined)).toEqual({ kind: 'new', session: undefined });
    expect(await store.claims.saveStepped(id, 'first', { key: SESSION, expected: undefined, next: '["x"]', ttlMs: 60_000 })).toBe('conflict');
    expect(await store.readSession()).toBe('["before"]');
  });
});
