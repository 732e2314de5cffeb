/**
 * The floor: what answering LINE's webhook costs with nothing but what it requires. node:http, the HMAC-SHA256
 * signature check on the raw body, JSON.parse, and one fixed reply per event with a reply token, sent over an
 * undici Pool; a 200 once every reply is sent. No framework, no validation, no logging, no sessions, no rendering.
 * `npm run bench -- --baseline=floor` runs it in the baseline's place: our bot against it shows what all we do
 * beyond the protocol costs (docs/benchmarks.md).
 *
 * Reads LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN, LINE_API_BASE_URL, PORT, and FLOOR_REPLY_BYTES: the size of
 * the reply's text (default 2,300, about what our bot sends), so both send as many bytes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { Pool } from 'undici';

const { LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: token, PORT: port } = process.env;
if (!secret || !token || !port) throw new Error('floor-bot: set LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN and PORT');
const replyText = 'x'.repeat(Number(process.env.FLOOR_REPLY_BYTES ?? '2300'));
const pool = new Pool(process.env.LINE_API_BASE_URL ?? 'https://api.line.me', { connections: 50 });
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

async function reply(replyToken: string): Promise<void> {
  const body = JSON.stringify({ replyToken, messages: [{ type: 'text', text: replyText }] });
  const response = await pool.request({ method: 'POST', path: '/v2/bot/message/reply', headers, body });
  await response.body.dump();
  if (response.statusCode !== 200) throw new Error(`reply answered ${response.statusCode}`);
}

function signatureMatches(body: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', secret as string).update(body).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.end('{"status":"ok"}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const signature = req.headers['x-line-signature'];
    if (req.url !== '/webhook' || !signatureMatches(body, typeof signature === 'string' ? signature : undefined)) {
      res.writeHead(401).end();
      return;
    }
    let events: { replyToken?: unknown }[];
    try {
      events = (JSON.parse(body.toString('utf8')) as { events: { replyToken?: unknown }[] }).events;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const replies = events.flatMap((event) => (typeof event.replyToken === 'string' ? [reply(event.replyToken)] : []));
    Promise.all(replies).then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
      () => res.writeHead(500).end(),
    );
  });
});
server.listen(Number(port), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
