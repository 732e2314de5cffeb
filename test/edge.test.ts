import { once } from 'node:events';
import type http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import type { webhook } from '@line/bot-sdk';
import request from 'supertest';
import { createHttpServer } from '../src/adapters/http/create-server';
import { lineEvents, newUserId } from './helpers/line-events';
import { useTestBot } from './helpers/test-bot';
import { until } from './helpers/until';

const t = useTestBot({ PREVIEW: '1' });

const webhookBody = JSON.stringify({ destination: 'U1', events: [] });
const gzipped = zlib.gzipSync(Buffer.from(webhookBody));

describe('a body that does not decode is the sender’s fault: 400 and a rate-limited warning', () => {
  it.each([
    ['gzip', Buffer.from('not gzip at all')],
    ['gzip, cut short', gzipped.subarray(0, gzipped.length - 6)],
    ['deflate', Buffer.from('not deflate')],
    ['br', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x01])],
  ])('%s on /webhook and /preview/api/events', async (encoding, body) => {
    const requests = 15;
    for (const route of ['/webhook', '/preview/api/events']) {
      for (let i = 0; i < requests; i += 1) {
        const response = await request(t().bot.app)
          .post(route)
          .set('content-type', 'application/json')
          .set('content-encoding', encoding.split(',')[0] ?? encoding)
          .set('x-line-signature', 'c2lnbmF0dXJl')
          .send(body);
        expect(response.status).toBe(400);
        expect(response.body).toEqual({ code: 'BAD_BODY_ENCODING', message: expect.any(String) });
      }
    }
    expect(t().logs.filter((l) => l.level === 'error')).toEqual([]);
    // One kind of warning, at most 10 a minute for both routes together.
    const warnings = t().logs.filter((l) => l.level === 'warn' && l.route !== undefined);
    expect(warnings).toHaveLength(10);
    expect(new Set(warnings.map((l) => l.code))).toEqual(new Set(['BAD_BODY_ENCODING']));
  });

  it('a body that does decode is read as usual', async () => {
    const response = await request(t().bot.app).post('/webhook').set('content-encoding', 'gzip').set('x-line-signature', 'bad').send(gzipped);
    expect(response.status).toBe(401);
  });
});

describe('security headers on every answer', () => {
  it.each<[string, (agent: request.Agent) => request.Test, number]>([
    ['the preview page', (a) => a.get('/'), 200],
    ['its script', (a) => a.get('/preview/app.js'), 200],
    ['its API', (a) => a.post('/preview/api/events').send({}), 400],
    ['a channel icon', (a) => a.get('/icons/phone.png'), 200],
    ['the webhook, unsigned', (a) => a.post('/webhook').send(webhookBody), 401],
    ['the health check', (a) => a.get('/healthz'), 200],
    ['an unknown route', (a) => a.get('/wp-login.php'), 404],
  ])('%s', async (_name, call, status) => {
    const response = await call(request.agent(t().bot.app));
    expect(response.status).toBe(status);
    const csp = String(response.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: https://bot.example.jp",
      "connect-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp.split(';')).toContain(directive);
    }
    expect(csp).not.toContain('unsafe');
    expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'SAMEORIGIN' });
  });

  it('channel icons may be loaded from LINE’s own origins', async () => {
    const response = await request(t().bot.app).get('/icons/phone.png');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect((await request(t().bot.app).get('/')).headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});

describe('logged event fields have the shape LINE gives them', () => {
  it.each([
    ['a type that is not a word', { type: 'follow\n{"outcome":"forged"}' }],
    ['a type far too long', { type: `follow${'x'.repeat(500)}` }],
    ['a webhookEventId that is not a ULID', { webhookEventId: '<script>forged-id</script>' }],
    ['a webhookEventId far too long', { webhookEventId: 'A'.repeat(5000) }],
  ])('%s: the event is dropped, its values not logged', async (_name, change) => {
    const good = lineEvents.follow(newUserId());
    const bad = { ...lineEvents.follow(newUserId()), ...change } as webhook.Event;
    expect((await t().post([bad, good])).status).toBe(200);
    await t().settle([good]);
    expect(t().fake.replies.map((r) => r.body.replyToken)).toEqual([good.replyToken]);
    expect(t().logs.find((l) => l.outcome === 'invalid')).toMatchObject({ level: 'warn', index: 0 });
    const all = JSON.stringify(t().logs);
    for (const leak of ['forged', 'xxxxxxxx', 'AAAAAAAA']) expect(all).not.toContain(leak);
  });
});

describe('slow and idle clients cannot hold the server', () => {
  let server: http.Server;
  let port: number;
  const limits = { headersTimeoutSeconds: 1, requestTimeoutSeconds: 2, maxConnections: 4 };
  beforeEach(async () => {
    server = createHttpServer(t().bot.app, limits).listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A client that sends `chunks` one at a time, 300 ms apart, forever if need be; resolves with what it read. */
  const trickle = async (chunks: () => string) => {
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    socket.on('data', (data) => (received += data.toString()));
    const timer = setInterval(() => socket.writable && socket.write(chunks()), 300);
    await once(socket, 'close');
    clearInterval(timer);
    return received;
  };

  it('a client that trickles its headers is cut off with 408', async () => {
    let i = 0;
    const received = await trickle(() => (i++ === 0 ? 'POST /webhook HTTP/1.1\r\nHost: x\r\n' : `X-Slow-${i}: 1\r\n`));
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a client that trickles its body is cut off with 408', async () => {
    let i = 0;
    const received = await trickle(() =>
      i++ === 0 ? 'POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{' : ' ',
    );
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('connections beyond the cap are closed at once, and the webhook answers again once slots free up', async () => {
    const idle = await Promise.all(Array.from({ length: limits.maxConnections }, async () => {
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      return socket;
    }));
    const refused = net.connect(port, '127.0.0.1');
    const closedWithNothing = new Promise<string>((resolve) => {
      let received = '';
      refused.on('data', (data) => (received += data.toString()));
      refused.on('close', () => resolve(received));
    });
    expect(await closedWithNothing).toBe('');
    for (const socket of idle) socket.destroy();
    await until(async () => (await new Promise<number>((resolve, reject) => server.getConnections((e, n) => (e ? reject(e) : resolve(n))))) === 0);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
  });

  it('an idle connection that never sends a byte is closed by the headers timeout', async () => {
    const socket = net.connect(port, '127.0.0.1');
    // Not awaited: on a stalled event loop the server may close the socket before the test reads 'connect'.
    let connected = false;
    socket.on('connect', () => (connected = true));
    await once(socket, 'close');
    expect(connected).toBe(true);
  }, 60_000);
});
