import { loadContent } from '../src/adapters/content/load-content';
import { MemoryStorage } from '../src/adapters/store/memory-storage';
import { createConverse, type Converse } from '../src/app/converse';
import type { StorageAdapter } from '../src/app/ports';
import { createSessionStore } from '../src/app/session-store';
import { StoreUnavailableError } from '../src/app/store-error';
import { createLocalizedEngine } from '../src/core/conversation/step-in-language';
import { createRenderer } from '../src/core/render/render-reply';
import { wireOf, ROOT } from './helpers/test-bot';

const content = loadContent(ROOT);
const { flow } = content;
const chat = { key: 'person', keepsSession: true };
/** Any instant: these tests are about the store, not opening hours. */
const NOW = Date.UTC(2026, 10, 30, 3, 0);

/** The question the first option of `questionId` leads to. */
const afterFirstOption = (questionId: string) => flow.questions[questionId]?.options[0]?.next ?? '';

function converseOver(storage: StorageAdapter): Converse {
  return createConverse({
    engine: createLocalizedEngine(content, { sessionTtlMinutes: 30 }),
    render: createRenderer(content, { iconBaseUrl: undefined }),
    sessions: createSessionStore(storage, { ttlMs: 60_000 }),
  });
}

const questionText = (id: string) => JSON.stringify(flow.questions[id]?.text).slice(1, -1);

describe('createConverse across replicas', () => {
  it('a save that loses to another replica steps again on the winner’s session: no step is lost', async () => {
    const memory = new MemoryStorage({ maxEntries: 100, clock: { now: () => 0 } });
    // Replica A reads; before it saves, replica B handles an event of the same person and saves.
    let interleave: (() => Promise<unknown>) | undefined;
    const racing: StorageAdapter = {
      read: async (key) => {
        const value = await memory.read(key);
        const other = interleave;
        interleave = undefined;
        if (other) await other();
        return value;
      },
      write: (key, expected, value, ttlMs) => memory.write(key, expected, value, ttlMs),
      delete: (key, expected) => memory.delete(key, expected),
    };
    const replicaA = converseOver(racing);
    const replicaB = converseOver(memory);
    await replicaB(chat, { type: 'follow' }, NOW);
    interleave = () => replicaB(chat, { type: 'text', text: '1' }, NOW);
    const answer = await replicaA(chat, { type: 'text', text: '1' }, NOW);
    // B moved the person one question on; A's "1" then applied on top of that, not on the first question again.
    const second = afterFirstOption(flow.start);
    expect(wireOf(answer.messages)).toContain(questionText(afterFirstOption(second)));
    expect(answer.session).toBeUndefined();
  });

  it('answers without the session when the store fails, and saves nothing', async () => {
    const memory = new MemoryStorage({ maxEntries: 100, clock: { now: () => 0 } });
    await converseOver(memory)(chat, { type: 'follow' }, NOW);
    await converseOver(memory)(chat, { type: 'text', text: '1' }, NOW);
    const before = await memory.read('s:person');
    const down: StorageAdapter = {
      read: () => Promise.reject(new StoreUnavailableError('redis did not answer')),
      write: () => Promise.reject(new StoreUnavailableError('redis did not answer')),
      delete: () => Promise.reject(new StoreUnavailableError('redis did not answer')),
    };
    const answer = await converseOver(down)(chat, { type: 'text', text: '1' }, NOW);
    expect(answer.session).toBe('unavailable');
    expect(wireOf(answer.messages)).toContain(questionText(afterFirstOption(flow.start)));
    expect(await memory.read('s:person')).toBe(before);
  });

  it('gives up saving after a few lost races, and still answers', async () => {
    const memory = new MemoryStorage({ maxEntries: 100, clock: { now: () => 0 } });
    await converseOver(memory)(chat, { type: 'follow' }, NOW);
    const alwaysLoses: StorageAdapter = { read: (key) => memory.read(key), write: async () => false, delete: async () => false };
    const answer = await converseOver(alwaysLoses)(chat, { type: 'text', text: '1' }, NOW);
    expect(answer.session).toBe('conflict');
    expect(wireOf(answer.messages)).toContain(questionText(afterFirstOption(flow.start)));
  });
});
