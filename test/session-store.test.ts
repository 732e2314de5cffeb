import { MemoryStorage } from '../src/adapters/store/memory-storage';
import { decodeSession, encodeSession } from '../src/app/session-codec';
import { createSessionStore } from '../src/app/session-store';
import type { Session } from '../src/core/conversation/session';
import { createIdHasher } from '../src/adapters/log/hash-id';
import { CHANNEL_SECRET, useSharedTestBot } from './helpers/test-bot';

const session = (value: string, history: string[] = []): Session => ({ flowVersion: 'abc123', snapshot: { value, context: { history } } });

function createStore() {
  const storage = new MemoryStorage({ maxEntries: 100, clock: { now: () => 0 } });
  return { storage, sessions: createSessionStore(storage, { ttlMs: 60_000 }) };
}

describe('session schema', () => {
  it('round-trips a session in a few dozen bytes', () => {
    const stored = encodeSession(session('delete', ['situation', 'trouble', 'solution']));
    expect(stored).toBe('[1,"abc123","delete",["situation","trouble","solution"]]');
    expect(decodeSession(stored)).toEqual(session('delete', ['situation', 'trouble', 'solution']));
  });

  it('keeps the language as an optional last element, so sessions stored before it still read (in Japanese)', () => {
    const english: Session = { ...session('trouble', ['situation']), locale: 'en' };
    const stored = encodeSession(english);
    expect(stored).toBe('[1,"abc123","trouble",["situation"],"en"]');
    expect(decodeSession(stored)).toEqual(english);
    expect(decodeSession('[1,"abc123","trouble",["situation"]]')).toEqual(session('trouble', ['situation']));
  });

  it('keeps the question ちがう asks after a typed answer, with the language written out before it', () => {
    const typed: Session = { ...session('posts_about_me', ['situation', 'trouble', 'solution']), wrongQuestionId: 'trouble' };
    const stored = encodeSession(typed);
    expect(stored).toBe('[1,"abc123","posts_about_me",["situation","trouble","solution"],"ja","trouble"]');
    expect(decodeSession(stored)).toEqual({ ...typed, locale: 'ja' });
  });

  it('reads past elements a later release added, so a rolling deploy does not restart the person', () => {
    expect(decodeSession('[1,"abc123","delete",[],"en","solution","more",{"x":1}]')).toEqual({
      ...session('delete'),
      locale: 'en',
      wrongQuestionId: 'solution',
    });
  });

  it.each([
    ['not JSON', '{"v":1,'],
    ['another schema version', '[2,"abc123","delete",[]]'],
    ['no version', '["abc123","delete",[]]'],
    ['an object', '{"flowVersion":"abc123","snapshot":{"value":"delete","context":{"history":[]}}}'],
    ['a history that is not a list', '[1,"abc123","delete","situation"]'],
    ['a number for the state', '[1,"abc123",7,[]]'],
    ['an unknown language', '[1,"abc123","delete",[],"more"]'],
    ['null', 'null'],
  ])('drops %s', (_name, stored) => {
    expect(decodeSession(stored)).toBeUndefined();
  });
});

describe('createSessionStore', () => {
  it('saves only over the session it loaded: a second writer loses and sees the first one', async () => {
    const { sessions } = createStore();
    const first = await sessions.load('u');
    const second = await sessions.load('u');
    expect(await sessions.save(first, session('trouble'))).toBe(true);
    expect(await sessions.save(second, session('found'))).toBe(false);
    const again = await sessions.load('u');
    expect(again.session).toEqual(session('trouble'));
    expect(await sessions.save(again, null)).toBe(true);
    expect((await sessions.load('u')).session).toBeUndefined();
  });

  it('reports an unreadable value as dropped, and the next save replaces it', async () => {
    const { storage, sessions } = createStore();
    await storage.write('s:u', undefined, '{corrupt', 60_000);
    const loaded = await sessions.load('u');
    expect(loaded).toMatchObject({ session: undefined, dropped: 'unreadable' });
    expect(await sessions.save(loaded, session('situation'))).toBe(true);
    expect((await sessions.load('u')).session).toEqual(session('situation'));
  });
});

describe('a stored session the bot cannot use', () => {
  const t = useSharedTestBot();

  const version = () => t().content.flow.version;
  it.each([
    ['names a state that is an Object property', () => ({ flowVersion: version(), snapshot: { value: 'constructor', context: { history: [] } } })],
    ['names __proto__', () => ({ flowVersion: version(), snapshot: { value: '__proto__', context: { history: [] } } })],
    ['has an Object property in its history', () => ({ flowVersion: version(), snapshot: { value: 'trouble', context: { history: ['toString'] } } })],
    ['names a state that does not exist', () => ({ flowVersion: version(), snapshot: { value: 'gone', context: { history: [] } } })],
  ])('%s: the person gets a kind restart, not a crash', async (_name, stored) => {
    const person = t().user();
    await person.follow();
    const errors = () => t().logs.filter((l) => l.level === 'error').length;
    const errorsBefore = errors();
    const key = createIdHasher(CHANNEL_SECRET)(person.userId);
    expect(await t().bot.sessions.save(await t().bot.sessions.load(key), stored())).toBe(true);
    const reply = await person.say('こんにちは');
    expect(JSON.stringify(reply)).toContain('どんなことで困っていますか');
    expect(errors()).toBe(errorsBefore);
  });
});
