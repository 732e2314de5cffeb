import type { webhook } from '@line/bot-sdk';
import request from 'supertest';
import { lineEvents, newUserId } from './helpers/line-events';
import { sign } from './helpers/sign';
import { CHANNEL_SECRET, startTestBot, useTestBot } from './helpers/test-bot';

const t = useTestBot();

const verification = '{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}';

describe('POST /webhook answers LINE predictably', () => {
  it.each([
    ['no signature → 401', verification, undefined, 401],
    ['a wrong signature → 401', verification, 'bm90IGEgc2lnbmF0dXJl', 401],
    ['the signature of another body → 401', verification, sign('{}', CHANNEL_SECRET), 401],
    ['a body that is not JSON → 400', '{"events": [', 'sign', 400],
    ['JSON that is not a webhook → 400', '{"hello":"world"}', 'sign', 400],
    ['events that are not a list → 400', '{"destination":"U1","events":{}}', 'sign', 400],
    ['an event without a type: dropped, 200', '{"destination":"U1","events":[{"timestamp":1}]}', 'sign', 200],
    ['the verification call (no events) → 200', verification, 'sign', 200],
  ])('%s', async (_name, body, signature, status) => {
    const req = request(t().bot.app).post('/webhook').set('content-type', 'application/json');
    if (signature) req.set('x-line-signature', signature === 'sign' ? sign(body, CHANNEL_SECRET) : signature);
    const response = await req.send(body);
    expect(response.status).toBe(status);
    expect(t().fake.replies).toHaveLength(0);
  });

  // LINE posts to /webhook exactly, answered by the webhook's own path; any other spelling reaches Express's route.
  // Both must answer alike: same status, body and headers (security headers included).
  it.each([
    ['unsigned', verification, undefined],
    ['not JSON', '{"events": [', 'sign'],
    ['not a webhook', '{"hello":"world"}', 'sign'],
    ['the verification call', verification, 'sign'],
  ])('answers %s alike at /webhook and at /webhook/', async (_name, body, signature) => {
    const answers = [];
    for (const url of ['/webhook', '/webhook/']) {
      const req = request(t().bot.app).post(url).set('content-type', 'application/json');
      if (signature) req.set('x-line-signature', sign(body, CHANNEL_SECRET));
      const { status, headers, text } = await req.send(body);
      const { date: _date, ...stable } = headers;
      answers.push({ status, headers: stable, text });
    }
    expect(answers[0]?.headers).toHaveProperty('content-security-policy');
    expect(answers[0]).toEqual(answers[1]);
  });

  it('accepts LINE’s published signature test vector', async () => {
    const official = await startTestBot({ LINE_CHANNEL_SECRET: '8c570fa6dd201bb328f1c1eac23a96d8' });
    try {
      const response = await request(official.bot.app)
        .post('/webhook')
        .set('content-type', 'application/json; charset=utf-8')
        .set('x-line-signature', 'GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=')
        .send(verification);
      expect(response.status).toBe(200);
    } finally {
      await official.close();
    }
  });

  it('checks the signature on the raw bytes, so escaped emoji still verify', async () => {
    const userId = newUserId();
    const body = JSON.stringify({ destination: 'U1', events: [lineEvents.text(userId, 'X')] }).replace('"text":"X"', '"text":"\\uD83E\\uDD28"');
    const response = await t().postRaw(body);
    expect(response.status).toBe(200);
    await t().fake.waitForReplies(1);
    expect(t().fake.replies).toHaveLength(1);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const body = JSON.stringify({ destination: 'U1', events: [], pad: 'x'.repeat(1_100_000) });
    const response = await t().postRaw(body);
    expect(response.status).toBe(413);
  });

  it('serves /healthz and answers unknown routes with 404', async () => {
    expect((await request(t().bot.app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(t().bot.app).get('/nowhere')).status).toBe(404);
  });

  it('logs at most 10 warnings of a kind a minute, then how many it held back', async () => {
    for (let i = 0; i < 25; i += 1) {
      expect((await request(t().bot.app).post('/webhook').set('x-line-signature', 'bad').send(verification)).status).toBe(401);
    }
    const warnings = () => t().logs.filter((l) => l.level === 'warn' && l.code === 'BAD_SIGNATURE');
    expect(warnings()).toHaveLength(10);
    t().advanceClock(60_000);
    await request(t().bot.app).post('/webhook').set('x-line-signature', 'bad').send(verification);
    expect(warnings()).toHaveLength(11);
    expect(warnings()[10]).toMatchObject({ heldBack: 15 });
  });

  it('logs an unknown route by its first segment only, never the full URL', async () => {
    const response = await request(t().bot.app).get('/nowhere/U4af4980629/secret?token=abc123');
    expect(response.status).toBe(404);
    expect(t().logs.find((l) => l.code === 'NOT_FOUND')).toMatchObject({ level: 'warn', route: '/nowhere', status: 404 });
    const all = JSON.stringify(t().logs) + JSON.stringify(response.body);
    for (const leak of ['U4af4980629', 'secret', 'abc123']) expect(all).not.toContain(leak);
  });

  it('serves the channel icons as PNG', async () => {
    const response = await request(t().bot.app).get('/icons/phone.png');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
  });
});

describe('events', () => {
  it('handles a duplicate webhookEventId once, in one batch or redelivered', async () => {
    const event = lineEvents.follow(newUserId());
    await t().post([event, event]);
    await t().post([{ ...event, deliveryContext: { isRedelivery: true } }]);
    await t().settle([event, event, event]);
    expect(t().fake.replies).toHaveLength(1);
    expect(t().logs.filter((l) => l.outcome === 'duplicate')).toHaveLength(2);
  });

  it('handles the good events of a batch with malformed ones, and logs the bad ones without their values', async () => {
    const [first, second] = [lineEvents.follow(newUserId()), lineEvents.follow(newUserId())];
    const template = lineEvents.follow(newUserId());
    const malformed = [
      { ...template, type: undefined },
      { ...template, timestamp: 'yesterday' },
      { ...template, source: { type: 'user', userId: 987654321 } },
      { ...template, source: { type: 'group', groupId: ['Cleaked-group-id'], userId: 'Uleaked-user-id' } },
      { ...template, replyToken: { token: 'leaked-token' } },
      null,
      'leaked-string-event',
    ];
    const response = await t().post([first, ...malformed, second] as unknown as webhook.Event[]);
    expect(response.status).toBe(200);
    await t().fake.waitForReplies(2);
    expect(t().fake.replies.map((r) => r.body.replyToken).sort()).toEqual([first.replyToken, second.replyToken].sort());
    const dropped = t().logs.filter((l) => l.outcome === 'invalid');
    expect(dropped.map((l) => l.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(dropped[2]).toMatchObject({ level: 'warn', webhookEventId: template.webhookEventId, problems: ['source.userId: invalid_type'] });
    const all = JSON.stringify(t().logs);
    for (const leak of ['987654321', 'leaked-', 'yesterday']) expect(all).not.toContain(leak);
  });

  it('handles one person’s events in timestamp order', async () => {
    const userId = newUserId();
    const follow = lineEvents.follow(userId);
    const answer = { ...lineEvents.text(userId, '1'), timestamp: follow.timestamp + 1 };
    await t().post([answer, follow]);
    await t().settle([answer, follow]);
    const [first, second] = t().fake.replies;
    expect(first?.body.replyToken).toBe(follow.replyToken);
    expect(String(second?.body.messages[0]?.text)).toContain('どうしたいですか');
  });

  it.each([
    ['an unknown event type', { type: 'somethingNew' }, 0],
    ['a beacon event', { type: 'beacon', beacon: { hwid: 'd41d8cd98f', type: 'enter' } }, 0],
    ['a postback without data', { type: 'postback', postback: {} }, 1],
    ['a text message without text', { type: 'message', message: { type: 'text', id: '1' } }, 1],
  ])('survives %s and keeps answering', async (_name, shape, replies) => {
    const userId = newUserId();
    const event = { ...lineEvents.follow(userId), follow: undefined, ...shape } as unknown as webhook.Event;
    expect((await t().post([event])).status).toBe(200);
    await t().settle([event]);
    expect(t().fake.replies).toHaveLength(replies);
    expect(t().logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(await t().user(userId).say('1')).not.toHaveLength(0);
  });

  it('ignores events in standby mode', async () => {
    const event = { ...lineEvents.follow(newUserId()), mode: 'standby' as const };
    const response = await t().post([event]);
    expect(response.status).toBe(200);
    await t().settle([event]);
    expect(t().fake.replies).toHaveLength(0);
  });

  it('answers in a group or room with a note that the bot works one to one', async () => {
    const group = await t().send(lineEvents.inGroup('Cgroup0001', 'こんにちは'));
    const room = await t().send(lineEvents.inRoom('Rroom0001'));
    for (const reply of [group, room]) {
      expect(reply).toHaveLength(1);
      expect(String(reply[0]?.text)).toContain('1対1のトーク');
    }
  });

  it('answers crisis words in a group with the crisis card', async () => {
    const reply = await t().send(lineEvents.inGroup('Cgroup0002', 'もう死にたい'));
    expect(reply).toHaveLength(3);
    expect(JSON.stringify(reply)).toContain('"uri":"tel:0120279338"');
    expect(String(reply[2]?.text)).toContain('1対1のトーク');
  });

  it('answers 200 while the LINE API still holds the reply, and the reply arrives afterwards', async () => {
    t().fake.behave({ kind: 'hold' });
    const response = await t().post([lineEvents.follow(newUserId())]);
    // The 200 came while LINE had not answered: the webhook answers at its deadline, not after the reply.
    expect(response.status).toBe(200);
    expect(t().fake.replies).toHaveLength(0);
    t().fake.release();
    await t().fake.waitForReplies(1);
  });

  it('logs one JSON line per event without the message text or the raw user id, and at debug why text was so understood', async () => {
    const person = t().user();
    await person.follow();
    await person.say('秘密の相談です');
    const lines = t().logs.filter((l) => l.event);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({
      event: 'message',
      outcome: 'understood',
      match: { target: expect.stringMatching(/^(intents|situations)\./), score: expect.any(Number) },
      ms: expect.any(Number),
      user: expect.any(String),
    });
    // The classifier's reading: intents, probabilities and the band only.
    const debug = t().logs.find((l) => l.level === 'debug' && l.classified);
    expect(debug).toMatchObject({ target: (lines[1]!.match as { target: string }).target, classified: { intent: expect.any(String), probability: expect.any(Number), band: expect.stringMatching(/^(confident|unsure|nothing)$/) } });
    expect(Object.keys(debug!.classified as object).sort()).toEqual(['band', 'intent', 'probability', 'runnerUp']);
    const all = JSON.stringify(t().logs);
    for (const fragment of ['秘密', '相談です', 'ひみつ']) expect(all).not.toContain(fragment);
    expect(all).not.toContain(person.userId);
  });
});
