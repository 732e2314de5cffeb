import { validateReplyRequest } from './helpers/line-openapi-validator';

const reply = (...messages: unknown[]) => ({ replyToken: 'reply-token', messages });
const text = (body: string, extra: object = {}) => ({ type: 'text', text: body, ...extra });
const quickReply = (...items: unknown[]) => ({ quickReply: { items } });
const postback = (action: object) => ({ type: 'action', action: { type: 'postback', ...action } });
const choice = (data: string) => postback({ label: 'Choose', data, displayText: 'Chosen' });
const button = (extra: object = {}) => ({
  type: 'button',
  style: 'primary',
  action: {
    type: 'uri',
    label: 'Open',
    uri: 'https://example.com/help',
    altUri: { desktop: 'https://example.com/help?pc=1' },
  },
  ...extra,
});
const bubble = (bodyContents: unknown[]) => ({
  type: 'bubble',
  body: { type: 'box', layout: 'vertical', contents: bodyContents },
});
const flex = (contents: unknown, extra: object = {}) => ({ type: 'flex', altText: 'Help desks', contents, ...extra });
const carousel = (...bubbles: unknown[]) => flex({ type: 'carousel', contents: bubbles });
const firstBodyItem = '/messages/0/contents/contents/0/body/contents/0';

describe('validateReplyRequest', () => {
  it('accepts a plain text message', () => {
    expect(validateReplyRequest(reply(text('hello')))).toEqual([]);
  });

  it('accepts a flex carousel of bubbles with box, text, button and a baseline icon', () => {
    const body = reply(
      carousel(
        bubble([
          { type: 'text', text: 'Police consultation', weight: 'bold', wrap: true },
          {
            type: 'box',
            layout: 'baseline',
            contents: [
              { type: 'icon', url: 'https://example.com/phone.png', size: 'sm' },
              { type: 'text', text: '#9110', flex: 0 },
            ],
          },
          button(),
        ]),
        bubble([{ type: 'text', text: 'Second desk' }, button()]),
      ),
    );
    expect(validateReplyRequest(body)).toEqual([]);
  });

  it('accepts a text message with postback quick replies', () => {
    expect(validateReplyRequest(reply(text('Which fits best?', quickReply(choice('a=1'), choice('a=2')))))).toEqual([]);
  });

  // [case, body, JSON path of the offending value, start of the message]
  const invalid: Array<[string, unknown, string, string]> = [
    [
      'more than 5 messages',
      reply(...Array.from({ length: 6 }, () => text('x'))),
      '/messages',
      'must NOT have more than 5 items',
    ],
    [
      'a message of unknown type',
      reply({ type: 'banner', text: 'x' }),
      '/messages/0/type',
      'must be equal to one of the allowed values',
    ],
    [
      'a flex message without altText',
      reply({ type: 'flex', contents: bubble([]) }),
      '/messages/0',
      "must have required property 'altText'",
    ],
    [
      'a quick reply with more than 13 items',
      reply(text('x', quickReply(...Array.from({ length: 14 }, (_, i) => choice(`a=${i}`))))),
      '/messages/0/quickReply/items',
      'must NOT have more than 13 items',
    ],
    [
      'postback data longer than 300 characters',
      reply(text('x', quickReply(choice('d'.repeat(301))))),
      '/messages/0/quickReply/items/0/action/data',
      'must NOT have more than 300 characters',
    ],
    [
      'a button without action',
      reply(carousel(bubble([{ type: 'button', style: 'link' }]))),
      firstBodyItem,
      "must have required property 'action'",
    ],
    [
      'a flex box with an unknown layout',
      reply(carousel(bubble([{ type: 'box', layout: 'grid', contents: [] }]))),
      `${firstBodyItem}/layout`,
      'must be equal to one of the allowed values',
    ],
    [
      'a uri action whose uri is not a URI',
      reply(carousel(bubble([button({ action: { type: 'uri', label: 'Open', uri: 'not a uri' } })]))),
      `${firstBodyItem}/action/uri`,
      'must match format "uri"',
    ],
    [
      'a carousel holding a box instead of a bubble',
      reply(carousel({ type: 'box', layout: 'vertical', contents: [] })),
      '/messages/0/contents/contents/0/type',
      'must be equal to constant (bubble)',
    ],
  ];

  it.each(invalid)('rejects %s', (_case, body, path, message) => {
    expect(validateReplyRequest(body)).toContainEqual(expect.stringContaining(`${path}: ${message}`));
  });

  // The spec leaves these LINE limits out, so the fake LINE API has to enforce them itself.
  // If a spec update starts encoding one, this fails and the hand-written check can go.
  const notInSpec: Array<[string, unknown]> = [
    ['text over 5000 characters', reply(text('x'.repeat(5001)))],
    ['an empty text', reply(text(''))],
    ['flex altText over 1500 characters', reply(flex(bubble([]), { altText: 'x'.repeat(1501) }))],
    ['a carousel of more than 12 bubbles', reply(carousel(...Array.from({ length: 13 }, () => bubble([]))))],
    ['an action label over 20 characters', reply(text('x', quickReply(postback({ label: 'x'.repeat(21), data: 'a' }))))],
    ['a postback without data', reply(text('x', quickReply(postback({ label: 'a' }))))],
    [
      'postback displayText over 300 characters',
      reply(text('x', quickReply(postback({ label: 'a', data: 'a', displayText: 'x'.repeat(301) })))),
    ],
    ['a quick reply item without action', reply(text('x', quickReply({ type: 'action' })))],
  ];

  it.each(notInSpec)('does not catch %s (not encoded in the spec)', (_case, body) => {
    expect(validateReplyRequest(body)).toEqual([]);
  });
});
