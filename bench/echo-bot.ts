/**
 * The baseline: the smallest correct LINE bot on our stack, written fresh after the SDK's echo example. Express, the
 * SDK's signature `middleware()` (which reads the raw body itself), one `replyMessage` per event through
 * `messagingApi.MessagingApiClient`, and a 200 once every reply is sent. No sessions, no flow, no rendering.
 *
 * Every event with a reply token gets one text reply (the SDK example answers text messages only; here follow and
 * postback events are answered too, so both bots reply to every event of the same workload).
 *
 * Reads the same environment as the real bot: LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN, LINE_API_BASE_URL, PORT.
 * ECHO_REPLY_PAD_BYTES (bench control only, `--baseline-reply-bytes`): pads each reply text with that many spaces,
 * so the baseline sends replies as big as ours and the cost of our logic can be told from the cost of our payload.
 */
import { JSONParseError, messagingApi, middleware, SignatureValidationFailed, type webhook } from '@line/bot-sdk';
import express, { type ErrorRequestHandler } from 'express';

/** LINE's limit on a text message. https://developers.line.biz/en/reference/messaging-api/#text-message */
const MAX_TEXT_LENGTH = 5000;

function readEnv(env: NodeJS.ProcessEnv): { channelSecret: string; channelAccessToken: string; baseURL: string; port: number; padBytes: number } {
  const missing = ['LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN', 'PORT'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`echo-bot: set ${missing.join(', ')}`);
  const port = Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('echo-bot: PORT must be a port number');
  const padBytes = Number(env.ECHO_REPLY_PAD_BYTES ?? '0');
  if (!Number.isInteger(padBytes) || padBytes < 0 || padBytes > MAX_TEXT_LENGTH - 100) {
    throw new Error(`echo-bot: ECHO_REPLY_PAD_BYTES must be an integer from 0 to ${MAX_TEXT_LENGTH - 100}`);
  }
  return {
    channelSecret: env.LINE_CHANNEL_SECRET as string,
    channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN as string,
    baseURL: env.LINE_API_BASE_URL ?? 'https://api.line.me',
    port,
    padBytes,
  };
}

const config = readEnv(process.env);
const client = new messagingApi.MessagingApiClient({ channelAccessToken: config.channelAccessToken, baseURL: config.baseURL });
const padding = ' '.repeat(config.padBytes);

function handleEvent(event: webhook.Event): Promise<unknown> {
  if (!('replyToken' in event) || typeof event.replyToken !== 'string') return Promise.resolve(null);
  const text = event.type === 'message' && event.message.type === 'text' ? event.message.text : event.type;
  return client.replyMessage({ replyToken: event.replyToken, messages: [{ type: 'text', text: `${text}${padding}`.slice(0, MAX_TEXT_LENGTH) }] });
}

const app = express();
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/webhook', middleware({ channelSecret: config.channelSecret }), (req, res) => {
  const { events } = req.body as webhook.CallbackRequest;
  Promise.all(events.map(handleEvent)).then(
    () => res.json({}),
    (error: unknown) => {
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      res.status(500).end();
    },
  );
});
const answerLineErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (error instanceof SignatureValidationFailed) res.status(401).end();
  else if (error instanceof JSONParseError) res.status(400).end();
  else next(error);
};
app.use(answerLineErrors);

const server = app.listen(config.port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
