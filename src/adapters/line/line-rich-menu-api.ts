import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { LineApiError } from '../../app/line-api-error';
import type { RichMenuApi } from '../../app/rich-menu-publishing';

/**
 * RichMenuApi over the SDK: the menu calls go to the API, the image to the data API, which has its own base URL.
 * Failures become LineApiError with LINE's status, request id and message.
 */
export function createLineRichMenuApi(options: { channelAccessToken: string; baseURL: string; dataBaseURL: string }): RichMenuApi {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: options.channelAccessToken, baseURL: options.baseURL });
  const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: options.channelAccessToken, baseURL: options.dataBaseURL });
  return {
    list: () => call(async () => (await client.getRichMenuList()).richmenus),
    defaultId: () =>
      call(async () => {
        try {
          return (await client.getDefaultRichMenuId()).richMenuId;
        } catch (error) {
          // LINE answers 404 when no default menu is set.
          if (error instanceof HTTPFetchError && error.status === 404) return undefined;
          throw error;
        }
      }),
    validate: (menu) => call(async () => void (await client.validateRichMenuObject(menu))),
    create: (menu) => call(async () => (await client.createRichMenu(menu)).richMenuId),
    uploadImage: (id, png) => call(async () => void (await blob.setRichMenuImage(id, new Blob([png], { type: 'image/png' })))),
    setDefault: (id) => call(async () => void (await client.setDefaultRichMenu(id))),
    delete: (id) => call(async () => void (await client.deleteRichMenu(id))),
  };
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HTTPFetchError) {
      throw new LineApiError('LINE_API_STATUS', `LINE API answered ${error.status}: ${readMessage(error.body)}`, {
        status: error.status,
        requestId: error.headers.get('x-line-request-id') ?? undefined,
        lineMessage: readMessage(error.body),
        attempts: 1,
      });
    }
    throw new LineApiError('LINE_API_UNREACHABLE', `LINE API could not be reached: ${String(error)}`, { attempts: 1 });
  }
}

function readMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && 'message' in parsed ? String(parsed.message) : body.slice(0, 200);
  } catch (error) {
    if (error instanceof SyntaxError) return body.slice(0, 200);
    throw error;
  }
}
