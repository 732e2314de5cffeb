import { middleware, type webhook } from '@line/bot-sdk';
import express from 'express';
import { z } from 'zod';
import type { WebhookHandler } from '../../app/handle-webhook';
import type { Logger } from '../../app/ports';
import { HttpError } from './http-error';
import type { NodeMiddleware } from './node-chain';
import { sendJson } from './send-json';

/** The envelope must hold, or nothing in it can be trusted: 400. */
const callbackSchema = z.object({
  destination: z.string().optional(),
  events: z.array(z.unknown()),
});

/** LINE's webhookEventId is a ULID; anything else in that field is not repeated in the log. */
const EVENT_ID = /^[0-9A-Za-z]{26}$/;
/** LINE's event types are short camelCase words (`message`, `follow`, `accountLink`, `botSuspended`). */
const EVENT_TYPE = /^[a-z][A-Za-z]{0,39}$/;

/**
 * The fields of an event we route on, checked one event at a time so that one malformed event is dropped and the
 * rest of the batch still handled. `type` and `webhookEventId` go to the log as they are, so they must have the
 * shape LINE gives them: a body that is signed is not therefore well formed. Everything else is read leniently
 * where it is used (to-bot-event.ts).
 */
const eventSchema = z.looseObject({
  type: z.string().regex(EVENT_TYPE),
  timestamp: z.number(),
  mode: z.string().optional(),
  webhookEventId: z.string().regex(EVENT_ID).optional(),
  replyToken: z.string().optional(),
  source: z
    .looseObject({
      type: z.string(),
      userId: z.string().optional(),
      groupId: z.string().optional(),
      roomId: z.string().optional(),
    })
    .optional(),
});

/** What the log may say about a dropped event: where and what kind of problem, never the values. */
function describeProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.code}`);
}

/**
 * POST /webhook, as the handlers that answer it in order. The body is read raw (bounded in size) and the SDK
 * middleware checks the signature on those exact bytes before parsing. We answer 200 once the events are handled or
 * `responseDeadlineMs` has passed, whichever comes first: LINE counts a webhook as failed after 2 s, and the work
 * goes on after the answer. Written for node:http, so the webhook runs with or without Express (create-app.ts).
 */
export function createWebhookHandlers(options: {
  channelSecret: string;
  handler: WebhookHandler;
  responseDeadlineMs: number;
  logger: Logger;
}): NodeMiddleware[] {
  const handle: NodeMiddleware = async (req, res) => {
    const parsed = callbackSchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'BAD_WEBHOOK_BODY', 'the body is not a LINE webhook');
    const events: webhook.Event[] = [];
    parsed.data.events.forEach((raw, index) => {
      const event = eventSchema.safeParse(raw);
      if (event.success) {
        events.push(event.data as unknown as webhook.Event);
        return;
      }
      const id = (raw as { webhookEventId?: unknown } | null)?.webhookEventId;
      options.logger.warn(
        { outcome: 'invalid', index, ...(typeof id === 'string' && EVENT_ID.test(id) && { webhookEventId: id }), problems: describeProblems(event.error) },
        'event dropped',
      );
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.responseDeadlineMs);
    });
    await Promise.race([options.handler.handleEvents(events), deadline]);
    clearTimeout(timer);
    sendJson(res, 200, {});
  };
  // body-parser's handler is written for node:http; Express's typings only say it takes Express's request.
  const readBody = express.raw({ type: () => true, limit: '1mb' }) as NodeMiddleware;
  return [readBody, middleware({ channelSecret: options.channelSecret }), handle];
}
