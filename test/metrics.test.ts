import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createIdHasher } from '../src/adapters/log/hash-id';
import { createMetricsServer } from '../src/adapters/metrics/metrics-server';
import { createPrometheusMetrics, type PrometheusMetrics } from '../src/adapters/metrics/prometheus-metrics';
import { ConfigError, loadConfig } from '../src/config';
import { lineEvents, newUserId } from './helpers/line-events';
import { CHANNEL_SECRET, ROOT, startTestBot, type TestBot } from './helpers/test-bot';
import { loadContent } from '../src/adapters/content/load-content';
import { encodePostback } from '../src/core/postback';

/**
 * /metrics on its own port, driven as LINE drives the bot: signed webhooks in, replies to the fake LINE API. The
 * counters must move with what people do, and nothing a person is or wrote may appear in them.
 */

let t: TestBot;
let metrics: PrometheusMetrics;
let server: Server;
let metricsUrl: string;

beforeEach(async () => {
  metrics = createPrometheusMetrics(loadContent(ROOT).flow);
  t = await startTestBot({}, { metrics });
  server = createMetricsServer(metrics.registry).listen(0, '127.0.0.1');
  await once(server, 'listening');
  metricsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function scrape(): Promise<string> {
  const response = await fetch(metricsUrl);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one series, e.g. `linebot_results_total{result="security"}`; 0 when absent. */
function valueOf(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** The values of these series in the scrape, to compare with what was expected as one object. */
function valuesOf(text: string, expected: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(expected).map((series) => [series, valueOf(text, series)]));
}

describe('/metrics', () => {
  it('counts events, questions, results, typed-text matches, crisis cards and stale taps', async () => {
    const person = t.user();
    await person.follow();
    const { flow } = t.content;
    const toSecurity = flow.questions[flow.start]?.options.find((option) => option.next === 'security');
    await person.tap(toSecurity?.label ?? 'no option leads to the result "security"');
    await person.say('死にたい');
    await person.postback('a=choose&q=removed&o=x');
    const typist = t.user();
    await typist.follow();
    await typist.say('Twitterで悪口を書かれて困っています');
    await typist.say('ほげほげ');

    const text = await scrape();
    const expected = {
      'linebot_events_total{event="follow",outcome="greeted"}': 2,
      'linebot_events_total{event="postback",outcome="result"}': 1,
      'linebot_events_total{event="text",outcome="crisis"}': 1,
      'linebot_events_total{event="postback",outcome="stale"}': 1,
      'linebot_questions_asked_total{question="situation"}': 2,
      'linebot_questions_answered_total{question="situation"}': 1,
      'linebot_results_total{result="security"}': 1,
      'linebot_crisis_cards_total': 1,
      'linebot_stale_taps_total': 1,
      'linebot_sessions': 2,
    };
    expect(valuesOf(text, expected)).toEqual(expected);
    // Every result is there from the start, so a ratio never divides by a missing series.
    expect(text).toContain('linebot_results_total{result="delete_all"} 0');
    const understood = text.split('\n').filter((l) => l.startsWith('linebot_text_understood_total{'));
    expect(understood).toHaveLength(1);
    expect(understood[0]).toMatch(/^linebot_text_understood_total\{target="[a-z0-9_.]+"\} 1$/);
    // Default process metrics come along, for memory and event-loop lag.
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('counts 「情報がちがう？」 by agency, and never an agency the data does not have', async () => {
    const person = t.user();
    await person.follow();
    const [agencyId] = [...t.content.agencies.keys()];
    await person.postback(encodePostback({ action: 'report-info', agencyId: agencyId ?? '' }));
    await person.postback(encodePostback({ action: 'report-info', agencyId: 'made_up_by_someone' }));
    const text = await scrape();
    expect(valueOf(text, `linebot_info_reports_total{agency="${agencyId}"}`)).toBe(1);
    expect(text).not.toContain('made_up_by_someone');
  });

  it('counts webhook answers by status, 401, 400 and 413 included, duplicates and ignored events', async () => {
    const event = lineEvents.follow(newUserId());
    expect((await t.post([event])).status).toBe(200);
    expect((await t.post([event])).status).toBe(200);
    expect((await t.post([{ ...lineEvents.follow(newUserId()), mode: 'standby' }])).status).toBe(200);
    const body = JSON.stringify({ destination: 'U1', events: [] });
    expect((await request(t.bot.app).post('/webhook').set('x-line-signature', 'bad').send(body)).status).toBe(401);
    expect((await t.postRaw('{"events": [')).status).toBe(400);
    expect((await t.postRaw(JSON.stringify({ destination: 'U1', events: [], pad: 'x'.repeat(1_100_000) }))).status).toBe(413);

    const text = await scrape();
    const expected = {
      'linebot_webhook_responses_total{status="200"}': 3,
      'linebot_webhook_responses_total{status="401"}': 1,
      'linebot_webhook_responses_total{status="400"}': 1,
      'linebot_webhook_responses_total{status="413"}': 1,
      'linebot_events_skipped_total{reason="duplicate"}': 1,
      'linebot_events_skipped_total{reason="ignored"}': 1,
    };
    expect(valuesOf(text, expected)).toEqual(expected);
  });

  it('counts LINE API replies by status, with their latency', async () => {
    await t.user().follow();
    // LINE refuses a reply (400 is not retried), then accepts the next.
    t.fake.behave({ kind: 'status', status: 400 }, { times: 1 });
    await t.user().follow();

    const text = await scrape();
    expect(valueOf(text, 'linebot_line_reply_duration_seconds_count{status="200"}')).toBe(1);
    expect(valueOf(text, 'linebot_line_reply_duration_seconds_count{status="400"}')).toBe(1);
    expect(text).toContain('linebot_line_reply_duration_seconds_bucket{le="0.05",status="200"}');
  });

  it('holds no user id, no hash of one, and nothing anyone wrote', async () => {
    const person = t.user();
    const words = ['死にたい', 'Twitterで悪口を書かれて困っています', '山田太郎 090-1234-5678', 'a=choose&q=injected"}x&o=1'];
    await person.follow();
    for (const text of words.slice(0, 3)) await person.say(text);
    await person.postback(words[3] ?? '');
    await t.post([lineEvents.inGroup('C0123456789abcdef0123456789abcdef', '死にたい')]);
    const text = await scrape();
    const hash = createIdHasher(CHANNEL_SECRET);
    const member = 'U0000000000000000000000000000000a';
    const group = 'C0123456789abcdef0123456789abcdef';
    for (const secret of [person.userId, hash(person.userId), group, hash(group), member, ...words, '山田', 'injected']) {
      expect(text).not.toContain(secret);
    }
    // Every label value is an id of the flow or of a fixed set: lower-case letters, digits, _ and -.
    const labelValues = [...text.matchAll(/="([^"]*)"/g)].map((m) => m[1]);
    expect(labelValues.length).toBeGreaterThan(0);
    for (const value of labelValues) expect(value).toMatch(/^[a-z0-9_.+-]+$/i);
  });

  it('counts crisis words in a group, without the group', async () => {
    expect((await t.post([lineEvents.inGroup('C0123456789abcdef0123456789abcdef', '死にたい')])).status).toBe(200);
    expect(valueOf(await scrape(), 'linebot_events_total{event="in-group",outcome="crisis"}')).toBe(1);
  });

  it('is served on its own port only: the public app has no /metrics, and the metrics port has nothing else', async () => {
    expect((await request(t.bot.app).get('/metrics')).status).toBe(404);
    expect((await fetch(metricsUrl.replace('/metrics', '/webhook'))).status).toBe(404);
    expect((await fetch(metricsUrl.replace('/metrics', '/'))).status).toBe(404);
  });
});

describe('METRICS_PORT', () => {
  it('is off when unset', () => {
    expect(loadConfig({}).metricsPort).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
  });

  it.each([
    [{ METRICS_PORT: 'nine' }, 'METRICS_PORT: must be a whole number'],
    [{ METRICS_PORT: '70000' }, 'METRICS_PORT:'],
    [{ PORT: '3000', METRICS_PORT: '3000' }, 'METRICS_PORT: must differ from PORT'],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

});
