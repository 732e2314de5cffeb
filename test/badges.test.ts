import type { messagingApi } from '@line/bot-sdk';
import { loadContent } from '../src/adapters/content/load-content';
import type { Phone } from '../src/core/agencies/phone';
import { fillTemplate } from '../src/core/fill-template';
import { openness } from '../src/core/hours/openness';
import { LOCALES } from '../src/core/locale/locale';
import { createRenderer } from '../src/core/render/render-reply';
import { ROOT } from './helpers/test-bot';

/**
 * Badges that never mislead, over every window × instant × locale: a call button is green only while its line
 * answers (never for a line closed now, nor one whose hours are known as text only), and when the first window
 * whose hours are known is closed, every locale says so under the cards.
 */
const content = loadContent(ROOT);
const render = createRenderer(content, {});

/** Instants that catch each kind of day (Japan time). */
const INSTANTS = {
  'weekday morning': '2027-01-12T10:00+09:00',
  'weekday evening': '2027-01-12T19:30+09:00',
  'Saturday afternoon': '2027-01-16T15:00+09:00',
  'Sunday night': '2026-12-06T23:30+09:00',
  'public holiday (成人の日)': '2027-01-11T10:00+09:00',
  'New Year’s Day, inside an undated break': '2027-01-01T10:00+09:00',
  'a weekday inside an undated break': '2027-12-30T10:00+09:00',
  'the 10th': '2027-03-10T09:00+09:00',
} as const;

const phonesByTel = new Map<string, Phone>(
  [...content.agencies.values(), ...content.crisis.hotlines].flatMap((holder) => holder.phones.map((phone) => [phone.tel, phone] as const)),
);

interface CallButton {
  readonly tel: string;
  readonly green: boolean;
}

function callButtons(message: messagingApi.Message): CallButton[] {
  const found: CallButton[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const action = record.action as { uri?: string } | undefined;
    if (record.type === 'button' && action?.uri?.startsWith('tel:')) found.push({ tel: action.uri, green: record.style === 'primary' });
    Object.values(record).forEach(visit);
  };
  visit(message);
  return found;
}

const rows = LOCALES.flatMap((locale) =>
  Object.entries(INSTANTS).flatMap(([when, iso]) =>
    [...Object.keys(content.flow.results), 'crisis card'].map((shown) => ({ locale, when, iso, shown })),
  ),
);

it.each(rows)('$locale, $when: $shown has a green call button only for a line that answers', ({ locale, iso, shown }) => {
  const instant = Date.parse(iso);
  const messages =
    shown === 'crisis card'
      ? render([{ kind: 'crisis-card' }], instant, locale)
      : render([{ kind: 'result', resultId: shown }, { kind: 'after-result', resultId: shown, followsCards: true }], instant, locale);
  const buttons = messages.flatMap(callButtons);
  for (const button of buttons) {
    const phone = phonesByTel.get(button.tel);
    if (!phone) throw new Error(`no line with ${button.tel}`);
    const state = openness(phone.schedule, instant).state;
    expect({ tel: button.tel, green: button.green }).toEqual({ tel: button.tel, green: state === 'open' || state === 'always' ? button.green : false });
    if (!phone.schedule) expect(button.green).toBe(false);
  }
});

it('every phone line says when it answers: a schedule, or hours text', () => {
  const silent = [...phonesByTel.values()].filter((phone) => !phone.schedule && !phone.hours).map((phone) => phone.display);
  expect(silent).toEqual([]);
});

describe.each(LOCALES)('%s says when the phones are closed', (locale) => {
  const hours = content.byLocale.get(locale)?.hours;
  const names = (id: string) => content.byLocale.get(locale)?.agencies.get(id)?.name ?? id;
  const afterCards = (resultId: string, iso: string) =>
    String((render([{ kind: 'after-result', resultId, followsCards: true }], Date.parse(iso), locale)[0] as messagingApi.TextMessage).text);

  it.each([
    ['damages', 'Sunday night', 'houterasu'],
    ['damages', 'New Year’s Day, inside an undated break', 'houterasu'],
    ['delete_rights', 'public holiday (成人の日)', 'jinken'],
    ['delete_all', 'Sunday night', 'jinken'],
  ] as const)('%s on %s: %s is closed', (resultId, when, agencyId) => {
    if (!hours) throw new Error(`no ${locale} hours words`);
    expect(afterCards(resultId, INSTANTS[when])).toContain(fillTemplate(hours.firstClosed, { name: names(agencyId) }));
  });

  it('says nothing of closed phones on a weekday morning', () => {
    if (!hours) throw new Error(`no ${locale} hours words`);
    expect(afterCards('damages', INSTANTS['weekday morning'])).not.toContain(fillTemplate(hours.firstClosed, { name: names('houterasu') }));
  });
});
