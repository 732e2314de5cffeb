import { usePreviewChats } from './preview-harness';

/**
 * The preview's 「時刻を指定」: an operator sees the cards as a person would at another instant (a holiday night, the
 * 10th of the month), from the address or the field, and can go back to now.
 */
jest.setTimeout(60_000);

const chats = usePreviewChats();

it('opens at the instant in ?at= and shows the crisis card as on that holiday night', async () => {
  const chat = await chats.open({ path: '/?at=2027-01-11T22:30%2B09:00' });
  await expect(chat.page.getByLabel('時刻を指定').inputValue()).resolves.toBe('2027-01-11T22:30');
  await chat.type('死にたい');
  const card = await chat.lastBubble();
  expect(card.title).toBe('いま話せる窓口');
  expect(card.texts).toContain('時間外の窓口');
  expect(card.texts).toContain('次は 明日 16:00');
});

it('answers at the instant typed into the field, keeps it in the address, and goes back to now', async () => {
  const chat = await chats.open();
  await expect(chat.page.getByTestId('time-now').isHidden()).resolves.toBe(true);
  await chat.page.getByLabel('時刻を指定').fill('2027-03-10T09:00');
  expect(new URL(chat.page.url()).searchParams.get('at')).toBe('2027-03-10T09:00+09:00');
  await chat.type('死にたい');
  expect((await chat.lastBubble()).texts).toContain('● 受付中（翌8:00まで）');

  await chat.page.getByTestId('time-now').click();
  await expect(chat.page.getByLabel('時刻を指定').inputValue()).resolves.toBe('');
  expect(new URL(chat.page.url()).searchParams.has('at')).toBe(false);
  // Back to now: the request carries no instant, and the server answers on its own clock.
  const requests: unknown[] = [];
  chat.page.on('request', (request) => {
    if (request.url().endsWith('/preview/api/events')) requests.push(request.postDataJSON());
  });
  await chat.type('死にたい');
  expect(requests).toEqual([expect.not.objectContaining({ at: expect.anything() })]);
  expect((await chat.lastBubble()).title).toBe('いま話せる窓口');
});

it('reads ?at= as the README writes it, its + unescaped, and times the messages at that instant', async () => {
  const chat = await chats.open({ path: '/?at=2026-12-06T23:30+09:00' });
  await expect(chat.page.getByLabel('時刻を指定').inputValue()).resolves.toBe('2026-12-06T23:30');
  await chat.type('死にたい');
  await expect(chat.page.locator('.msg__time').last().textContent()).resolves.toBe('23:30');
});
