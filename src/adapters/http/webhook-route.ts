import { middleware, type webhook } from '@line/bot-sdk';
import express, { type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import type { WebhookHandler } from '../../app/handle-webhook';
import { HttpError } from './http-error';

/** The least a webhook body must be for us to read its events; the events themselves are read leniently. */
const callbackSchema = z.object({
  destination: z.string().optional(),
  events: z.array(z.looseObject({ type: z.string(), timestamp: z.number() })),
});

/**
 * POST /webhook. The body is read raw (bounded in size) and the SDK middleware checks the signature on those exact
 * bytes before parsing. We answer 200 once the events are handled or `responseDeadlineMs` has passed, whichever
 * comes first: LINE counts a webhook as failed after 2 s, and the work goes on after the answer.
 */
export function createWebhookRouter(options: {
  channelSecret: string;
  handler: WebhookHandler;
  responseDeadlineMs: number;
}): Router {
  const router = express.Router();
  const handle: RequestHandler = async (req, res) => {
    const parsed = callbackSchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'BAD_WEBHOOK_BODY', 'the body is not a LINE webhook');
    const events = parsed.data.events as unknown as webhook.Event[];
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.responseDeadlineMs);
    });
    await Promise.race([options.handler.handleEvents(events), deadline]);
    clearTimeout(timer);
    res.status(200).json({});
  };
  router.post(
    '/webhook',
    express.raw({ type: () => true, limit: '1mb' }),
    middleware({ channelSecret: options.channelSecret }),
    handle,
  );
  return router;
}
