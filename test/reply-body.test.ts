import type { messagingApi } from '@line/bot-sdk';
import { encodeReplyBody } from '../src/adapters/line/reply-body';

/** Deep-frozen, as the renderer hands out its memoised parts. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) frozen(child);
    Object.freeze(value);
  }
  return value;
}

const card: messagingApi.FlexMessage = {
  type: 'flex',
  altText: '相談窓口：違法・有害情報相談センター',
  contents: {
    type: 'bubble',
    body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: '☎ 0570-078374\n平日 "9:00"–17:00 \u2028 \\', wrap: true }] },
  },
};
const text: messagingApi.TextMessage = { type: 'text', text: 'つらいときは 🤝 ひとりで抱えないで' };

describe('a reply body is byte for byte what JSON.stringify makes of it', () => {
  it.each<[string, () => messagingApi.Message[]]>([
    ['one frozen card', () => [frozen(structuredClone(card))]],
    ['a message that is not frozen', () => [structuredClone(text)]],
    ['frozen and not, together', () => [frozen(structuredClone(card)), structuredClone(text), frozen(structuredClone(text))]],
  ])('%s, sent twice', (_name, make) => {
    const messages = make();
    const replyToken = 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTA';
    for (let send = 0; send < 2; send += 1) {
      expect(encodeReplyBody(replyToken, messages).toString('utf8')).toBe(JSON.stringify({ replyToken, messages }));
    }
  });

  it('a message changed after it was sent is sent as it is now', () => {
    const message = structuredClone(text);
    encodeReplyBody('t', [message]);
    message.text = '変わった';
    expect(JSON.parse(encodeReplyBody('t', [message]).toString('utf8'))).toEqual({ replyToken: 't', messages: [{ type: 'text', text: '変わった' }] });
  });
});
