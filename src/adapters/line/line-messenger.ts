import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { LineApiError } from '../../app/line-api-error';
import type { Messenger } from '../../app/ports';

/**
 * Messenger over the SDK's MessagingApiClient. The SDK has no timeout option, so each call is raced against
 * `timeoutMs`: a slow LINE API must not hold a chat's queue for long.
 */
export function createLineMessenger(options: {
  channelAccessToken: string;
  baseURL: string;
  timeoutMs: number;
}): Messenger {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: options.channelAccessToken,
    baseURL: options.baseURL,
  });
  return {
    async reply(replyToken, messages) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new LineApiError('LINE_API_TIMEOUT', `no answer within ${options.timeoutMs} ms`, {})),
          options.timeoutMs,
        );
      });
      try {
        await Promise.race([client.replyMessage({ replyToken, messages }), timeout]);
      } catch (error) {
        throw toLineApiError(error);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function toLineApiError(error: unknown): LineApiError {
  if (error instanceof LineApiError) return error;
  if (error instanceof HTTPFetchError) {
    return new LineApiError(
      'LINE_API_STATUS',
      `LINE API answered ${error.status}`,
      { status: error.status, requestId: error.headers.get('x-line-request-id'), lineMessage: readLineMessage(error.body) },
      { cause: error },
    );
  }
  return new LineApiError('LINE_API_UNREACHABLE', 'LINE API could not be reached', {}, { cause: error });
}

/** LINE's error body is {message, details?}; keep its message (it never holds what the user wrote). */
function readLineMessage(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && 'message' in parsed ? String(parsed.message) : undefined;
  } catch (error) {
    return error instanceof SyntaxError ? body.slice(0, 200) : undefined;
  }
}
