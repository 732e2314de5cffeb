import request from 'supertest';
import { createIdHasher } from '../src/adapters/log/hash-id';
import { messageTexts, CHANNEL_SECRET, useTestBot, type Message } from './helpers/test-bot';

const t = useTestBot({ PREVIEW: '1', SESSION_MAX_COUNT: '1' });

let previewUsers = 0;
const newPreviewUser = () => `preview-test-${String((previewUsers += 1)).padStart(8, '0')}`;
const act = async (userId: string, action: object) => {
  const response = await request(t().bot.app).post('/preview/api/events').send({ userId, action });
  expect(response.status).toBe(200);
  return response.body.messages as Message[];
};

describe('POST /preview/api/events', () => {
  it('answers each action with the messages LINE would get, in the conversation so far', async () => {
    const userId = newPreviewUser();
    expect(messageTexts(await act(userId, { type: 'follow' }))).toContain('どんなことで困っていますか？');
    expect(messageTexts(await act(userId, { type: 'text', text: '1' }))).toContain('どうしたいですか？');
    expect(messageTexts(await act(userId, { type: 'sticker' }))).toContain('どうしたいですか？');
    expect(await act(userId, { type: 'unfollow' })).toEqual([]);
    expect(t().fake.replies).toHaveLength(0);
  });

  it.each([
    ['ja-easy', 'なにに こまって いますか？'],
    ['en', 'What is troubling you?'],
    ['pt-BR', 'What is troubling you?'],
  ])('greets a follow with language %s in the language the bot picks from it, the one reply', async (language, question) => {
    const texts = messageTexts(await act(newPreviewUser(), { type: 'follow', language }));
    expect(texts).toContain(question);
    expect(texts).not.toContain('どんなことで困っていますか？');
  });

  it('keeps preview sessions apart from LINE users’ sessions, which they never push out', async () => {
    // The LINE store holds one session here: one preview session in it would evict the LINE user.
    const person = t().user();
    await person.follow();
    await person.say('1');
    for (let i = 0; i < 3; i += 1) await act(newPreviewUser(), { type: 'follow' });
    expect((await t().bot.sessions.load(createIdHasher(CHANNEL_SECRET)(person.userId))).session).toMatchObject({ snapshot: { value: 'trouble' } });
    expect(messageTexts(await person.say('1'))).toContain('どれがいちばん近いですか？');
  });

  it('keeps one page’s actions in order when it sends the next before the answer is back', async () => {
    const userId = newPreviewUser();
    await act(userId, { type: 'follow' });
    const answers = await Promise.all([act(userId, { type: 'text', text: '1' }), act(userId, { type: 'text', text: '1' })]);
    // Whichever arrives first moves one step, the other a second step: never both from the same place.
    const asked = answers.map((messages) => (messageTexts(messages).includes('どれがいちばん近いですか？') ? 'solution' : 'trouble')).sort();
    expect(asked).toEqual(['solution', 'trouble']);
  });

  it.each([
    ['5,000 emoji', '😀'.repeat(5000)],
    ['5,000 emoji, each escaped as JSON \\uXXXX pairs', '🙂'.repeat(5000), (body: string) => body.replace(/🙂/g, '\\ud83d\\ude42')],
    ['5,000 kanji', '死'.repeat(5000)],
  ])('takes what LINE takes: a text of %s', async (_name, text, encode = (body: string) => body) => {
    const userId = newPreviewUser();
    await act(userId, { type: 'follow' });
    const body = encode(JSON.stringify({ userId, action: { type: 'text', text } }));
    const response = await request(t().bot.app).post('/preview/api/events').set('content-type', 'application/json').send(body);
    expect(response.status).toBe(200);
    expect(response.body.messages).not.toHaveLength(0);
  });

  it.each([
    ['not JSON', 400, '"死にたい'],
    ['not an action', 400, '{"userId":"preview-12345678","action":{"type":"shout","text":"死にたい"}}'],
    ['a user id that is not a preview id', 400, '{"userId":"U死にたい","action":{"type":"follow"}}'],
    ['a text over 5,000 characters', 400, JSON.stringify({ userId: 'preview-12345678', action: { type: 'text', text: `死にたい${'あ'.repeat(4997)}` } })],
    ['over 64 kB', 413, JSON.stringify({ userId: 'preview-12345678', action: { type: 'text', text: `死にたい${'あ'.repeat(25_000)}` } })],
  ])('answers a body that is %s with %d and logs no part of it', async (_name, status, body) => {
    const response = await request(t().bot.app).post('/preview/api/events').set('content-type', 'application/json').send(body);
    expect(response.status).toBe(status);
    expect(JSON.stringify(response.body)).not.toContain('死にたい');
    expect(t().logs.find((l) => l.level === 'warn' && l.route !== undefined)).toMatchObject({ route: '/preview', status });
    expect(JSON.stringify(t().logs)).not.toContain('死にたい');
  });
});
