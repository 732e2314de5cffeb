import { LineApiError } from './line-api-error';
import type { Clock, Messenger, Metrics } from './ports';

/** Counts each reply to LINE by how it ended (HTTP status, 'timeout', 'unreachable') and times it, retries included. */
export function meterMessenger(messenger: Messenger, metrics: Metrics, clock: Clock): Messenger {
  return {
    async reply(replyToken, messages, options) {
      const started = clock.now();
      const count = (status: string) => metrics.countLineReply(status, (clock.now() - started) / 1000);
      try {
        const receipt = await messenger.reply(replyToken, messages, options);
        count(receipt.maybeDelivered ? 'maybe-delivered' : '200');
        return receipt;
      } catch (error) {
        count(toReplyStatus(error));
        throw error;
      }
    },
  };
}

function toReplyStatus(error: unknown): string {
  if (!(error instanceof LineApiError)) return 'error';
  switch (error.code) {
    case 'LINE_API_STATUS':
      return String(error.details.status ?? 'error');
    case 'LINE_API_TIMEOUT':
      return 'timeout';
    case 'LINE_API_UNREACHABLE':
      return 'unreachable';
    case 'LINE_API_DOWN':
      return 'line-down';
  }
}
