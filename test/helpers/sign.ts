import { createHmac } from 'node:crypto';

/** The x-line-signature LINE sends: Base64 HMAC-SHA256 of the raw body, keyed with the channel secret. */
export function sign(body: string, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(body).digest('base64');
}
