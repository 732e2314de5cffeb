import { MemorySessionStore } from '../src/adapters/store/memory-session-store';
import { RecentIds } from '../src/app/recent-ids';
import type { Session } from '../src/core/conversation/session';

const session = (value: string): Session => ({ flowVersion: 'v', snapshot: { value, context: { history: [] } } });

describe('MemorySessionStore', () => {
  function createStore(maxSessions: number) {
    let now = 0;
    const store = new MemorySessionStore({ ttlMs: 1000, maxSessions, clock: { now: () => now } });
    return { store, advance: (ms: number) => (now += ms) };
  }

  it('forgets a session ttl after its last write', async () => {
    const { store, advance } = createStore(10);
    await store.set('a', session('x'));
    advance(600);
    await store.set('a', session('y'));
    advance(600);
    expect(await store.get('a')).toEqual(session('y'));
    advance(400);
    expect(await store.get('a')).toBeUndefined();
  });

  it('keeps at most maxSessions, dropping the least recently written', async () => {
    const { store } = createStore(3);
    for (const key of ['a', 'b', 'c']) await store.set(key, session(key));
    await store.set('a', session('a2'));
    await store.set('d', session('d'));
    expect(store.size).toBe(3);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toEqual(session('a2'));
  });

  it('stays bounded and correct through many rewrites and deletes', async () => {
    const { store, advance } = createStore(50);
    const live = new Map<string, string>();
    for (let i = 0; i < 5000; i += 1) {
      const key = `u${(i * 7919) % 120}`;
      if (i % 11 === 0) {
        await store.delete(key);
        live.delete(key);
      } else {
        await store.set(key, session(String(i)));
        live.delete(key);
        live.set(key, String(i));
        if (live.size > 50) live.delete(live.keys().next().value as string);
      }
      advance(1);
    }
    expect(store.size).toBe(live.size);
    for (const [key, value] of live) expect((await store.get(key))?.snapshot.value).toBe(value);
  });
});

describe('RecentIds', () => {
  it('remembers the last `capacity` ids and forgets older ones', () => {
    const ids = new RecentIds(3);
    expect(['a', 'b', 'c', 'a'].map((id) => ids.add(id))).toEqual([true, true, true, false]);
    expect(ids.add('d')).toBe(true);
    expect(ids.add('a')).toBe(true);
    expect(ids.add('c')).toBe(false);
  });
});
