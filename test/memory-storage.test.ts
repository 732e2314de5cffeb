import { MemoryStorage } from '../src/adapters/store/memory-storage';

describe('MemoryStorage', () => {
  function createStorage(maxEntries: number) {
    let now = 0;
    const storage = new MemoryStorage({ maxEntries, clock: { now: () => now } });
    /** Writes whatever the key holds now, as the session store does after a read. */
    const put = async (key: string, value: string, ttlMs = 1000) => storage.write(key, await storage.read(key), value, ttlMs);
    return { storage, put, advance: (ms: number) => (now += ms) };
  }

  it('forgets a value ttl after its last write', async () => {
    const { storage, put, advance } = createStorage(10);
    await put('a', 'x');
    advance(600);
    await put('a', 'y');
    advance(600);
    expect(await storage.read('a')).toBe('y');
    advance(400);
    expect(await storage.read('a')).toBeUndefined();
  });

  it.each([
    ['nothing, expecting nothing', undefined, undefined, true],
    ['nothing, expecting a value', undefined, 'x', false],
    ['a value, expecting nothing', 'x', undefined, false],
    ['a value, expecting it', 'x', 'x', true],
    ['a value, expecting another', 'x', 'z', false],
  ] as const)('write over %s: %s', async (_name, held, expected, written) => {
    const { storage, put } = createStorage(10);
    if (held !== undefined) await put('a', held);
    expect(await storage.write('a', expected, 'new', 1000)).toBe(written);
    expect(await storage.read('a')).toBe(written ? 'new' : held);
  });

  it('deletes only the value it was told of', async () => {
    const { storage, put } = createStorage(10);
    await put('a', 'x');
    expect(await storage.delete('a', 'z')).toBe(false);
    expect(await storage.read('a')).toBe('x');
    expect(await storage.delete('a', 'x')).toBe(true);
    expect(await storage.read('a')).toBeUndefined();
  });

  it('counts an expired value as none', async () => {
    const { storage, put, advance } = createStorage(10);
    await put('a', 'x');
    advance(1000);
    expect(await storage.write('a', 'x', 'y', 1000)).toBe(false);
    expect(await storage.write('a', undefined, 'y', 1000)).toBe(true);
  });

  it('keeps at most maxEntries, dropping the least recently written', async () => {
    const { storage, put } = createStorage(3);
    for (const key of ['a', 'b', 'c']) await put(key, key);
    await put('a', 'a2');
    await put('d', 'd');
    expect(storage.size).toBe(3);
    expect(await storage.read('b')).toBeUndefined();
    expect(await storage.read('a')).toBe('a2');
  });

  it('stays bounded and correct through many rewrites and deletes', async () => {
    const { storage, put, advance } = createStorage(50);
    const live = new Map<string, string>();
    for (let i = 0; i < 5000; i += 1) {
      const key = `u${(i * 7919) % 120}`;
      const held = await storage.read(key);
      if (i % 11 === 0) {
        if (held !== undefined) await storage.delete(key, held);
        live.delete(key);
      } else {
        await put(key, String(i));
        live.delete(key);
        live.set(key, String(i));
        if (live.size > 50) live.delete(live.keys().next().value as string);
      }
      advance(1);
    }
    expect(storage.size).toBe(live.size);
    for (const [key, value] of live) expect(await storage.read(key)).toBe(value);
  });
});
