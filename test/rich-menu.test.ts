import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadContent } from '../src/adapters/content/load-content';
import { encodePostback } from '../src/core/postback';
import { toLineRichMenu } from '../src/core/rich-menu/rich-menu';
import { renderRichMenuHtml } from '../src/core/rich-menu/render-rich-menu-html';
import { startFakeRichMenuApi, type FakeRichMenuApi } from './helpers/fake-line-rich-menu-api';
import { CHANNEL_ACCESS_TOKEN, CHANNEL_SECRET, ROOT, quickReplyOf, startTestBot, telLinks } from './helpers/test-bot';

/** `npm run rich-menu` as an operator runs it: the built script, its environment, a fake LINE API. */
const PUBLISH = path.join(ROOT, 'dist/src/publish-rich-menu.js');

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
}, 60_000);

let fake: FakeRichMenuApi;
beforeEach(async () => {
  fake = await startFakeRichMenuApi({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
});
afterEach(async () => {
  expect(fake.rejected).toEqual([]);
  await fake.close();
});

/** Runs the script; the fake answers in this process meanwhile, so the child runs asynchronously. */
async function publish(args: string[] = [], env: Record<string, string> = {}, cwd = ROOT) {
  const child = spawn(process.execPath, [PUBLISH, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: fake.baseUrl,
      LINE_API_DATA_BASE_URL: fake.dataBaseUrl,
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

const content = loadContent(ROOT);
const ours = () => [...fake.menus.values()].filter((menu) => String(menu.body.name).startsWith(`${content.richMenu.name}:`));

describe('npm run rich-menu', () => {
  it('--dry-run prints the menu and the plan, and changes nothing', async () => {
    const old = fake.seed(`${content.richMenu.name}:000000000000`, { asDefault: true });
    const { code, stdout } = await publish(['--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('"chatBarText": "メニュー"');
    for (const area of content.richMenu.areas) expect(stdout).toContain(`"label": "${area.label}"`);
    expect(stdout).toMatch(/Would:\n {2}- create "net-trouble-bot:[0-9a-f]{12}", upload its image and set it as the default/);
    expect(stdout).toContain(`delete ${old}`);
    expect(fake.calls.every((call) => call.startsWith('GET '))).toBe(true);
    expect([...fake.menus.keys()]).toEqual([old]);
  });

  it('--dry-run works without credentials, printing the menu', async () => {
    const { code, stdout } = await publish(['--dry-run'], { LINE_CHANNEL_SECRET: '', LINE_CHANNEL_ACCESS_TOKEN: '' });
    expect(code).toBe(0);
    expect(stdout).toContain('"chatBarText": "メニュー"');
    expect(stdout).toContain('no LINE credentials');
    expect(fake.calls).toEqual([]);
  });

  it('creates the menu, uploads the image to the data API, sets it as default, and deletes only its own old menus', async () => {
    const oldOwn = fake.seed(`${content.richMenu.name}:000000000000`, { asDefault: true });
    const halfMade = fake.seed(`${content.richMenu.name}:111111111111`, { withImage: false });
    const someoneElses = fake.seed('campaign-2026');
    const { code, stdout, stderr } = await publish();
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const [created] = ours();
    expect(ours()).toHaveLength(1);
    expect(fake.defaultId()).toBe(created?.richMenuId);
    expect(created?.image?.equals(readFileSync(path.join(ROOT, content.richMenu.image)))).toBe(true);
    expect(created?.body).toEqual(toLineRichMenu(content.richMenu, String(created?.body.name)));
    expect([...fake.menus.keys()].sort()).toEqual([created?.richMenuId, someoneElses].sort());
    expect(fake.calls).toContain(`POST data /v2/bot/richmenu/${created?.richMenuId}/content`);
    expect(fake.calls.filter((call) => call.includes('/content')).every((call) => call.includes(' data '))).toBe(true);
    // The new default is set before the old menus go, so the chat is never without one.
    const setDefault = fake.calls.indexOf(`POST api /v2/bot/user/all/richmenu/${created?.richMenuId}`);
    expect(setDefault).toBeLessThan(fake.calls.indexOf(`DELETE api /v2/bot/richmenu/${oldOwn}`));
    expect(stdout).toContain(`deleted ${halfMade}`);
  });

  it('is idempotent: a second run with the same files keeps the menu and calls nothing that changes it', async () => {
    expect((await publish()).code).toBe(0);
    const [first] = ours();
    const before = fake.calls.length;
    const { code, stdout } = await publish();
    expect(code).toBe(0);
    expect(stdout).toContain(`kept ${first?.richMenuId}`);
    expect(ours().map((m) => m.richMenuId)).toEqual([first?.richMenuId]);
    expect(fake.calls.slice(before).every((call) => call.startsWith('GET '))).toBe(true);
  });

  it('says what LINE refused, with its status, and exits 1', async () => {
    const { code, stderr } = await publish([], { LINE_CHANNEL_ACCESS_TOKEN: 'wrong-token' });
    expect(code).toBe(1);
    expect(stderr).toContain('LINE API answered 401');
    expect(stderr).not.toContain('wrong-token');
  });

  it('refuses unknown arguments and publishing without credentials', async () => {
    expect((await publish(['--force'])).stderr).toContain('unknown argument --force');
    const noCredentials = await publish([], { LINE_CHANNEL_SECRET: '', LINE_CHANNEL_ACCESS_TOKEN: '' });
    expect(noCredentials.code).toBe(1);
    expect(noCredentials.stderr).toContain('LINE_CHANNEL_ACCESS_TOKEN are needed');
  });
});

describe('data/rich-menu.yaml and its image', () => {
  /** A copy of the content with one change, loaded as start-up would. */
  const loadWith = (change: (dir: string) => void): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rich-menu-'));
    try {
      for (const folder of ['flows', 'data']) cpSync(path.join(ROOT, folder), path.join(dir, folder), { recursive: true });
      change(dir);
      loadContent(dir);
      return 'loaded';
    } catch (error) {
      return (error as Error).message;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const editYaml = (edit: (text: string) => string) => (dir: string) => {
    const file = path.join(dir, 'data/rich-menu.yaml');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
  };

  it.each([
    ['a chat bar text over 14', editYaml((t) => t.replace('chatBarText: メニュー', `chatBarText: ${'あ'.repeat(15)}`)), 'data/rich-menu.yaml: chatBarText'],
    ['an image narrower than 800', editYaml((t) => t.replace('width: 2500, height: 843', 'width: 700, height: 300')), 'size.width'],
    ['a ratio under 1.45', editYaml((t) => t.replace('width: 2500, height: 843', 'width: 2500, height: 1800')), 'width / height is 1.39'],
    ['an area outside the image', editYaml((t) => t.replace('x: 1875, y: 0, width: 625', 'x: 1875, y: 0, width: 700')), 'areas[3].bounds: reaches outside'],
    ['overlapping areas', editYaml((t) => t.replace('x: 625, y: 0', 'x: 600, y: 0')), 'areas[1].bounds: overlaps areas[0]'],
    ['an unknown action', editYaml((t) => t.replace('action: about', 'action: lawyer')), 'areas[3].action'],
    ['a label over 20', editYaml((t) => t.replace('label: 使い方', `label: ${'あ'.repeat(21)}`)), 'areas[3].label'],
    ['more than 20 areas', editYaml((t) => t.replace(/areas:\n[\s\S]*$/, `areas:\n${'  - { action: about, label: a, displayText: a, style: plain, icon: info, bounds: { x: 0, y: 0, width: 1, height: 1 } }\n'.repeat(21)}`)), 'areas: Too big'],
    ['a missing image', (dir: string) => rmSync(path.join(dir, 'data/rich-menu.png')), 'data/rich-menu.png: cannot be read (ENOENT)'],
    ['an image of another size', (dir: string) => cpSync(path.join(ROOT, 'data/icons/phone.png'), path.join(dir, 'data/rich-menu.png')), 'data/rich-menu.png: is 96×96'],
    ['an image over 1 MB', (dir: string) => writeFileSync(path.join(dir, 'data/rich-menu.png'), Buffer.concat([readFileSync(path.join(ROOT, 'data/rich-menu.png')), Buffer.alloc(1024 * 1024)])), 'LINE takes at most 1048576'],
  ])('refuses %s at start-up, naming the file', (_name, change, expected) => {
    expect(loadWith(change)).toContain(expected);
  });

  it('draws every label of the menu into the image template, escaped', () => {
    const html = renderRichMenuHtml({ ...content.richMenu, areas: [{ ...content.richMenu.areas[0]!, label: '<b>相談</b>' }] });
    expect(html).toContain('&#60;b&#62;相談&#60;/b&#62;');
    for (const area of content.richMenu.areas) expect(renderRichMenuHtml(content.richMenu)).toContain(area.label);
  });
});

describe('the menu’s taps in the chat', () => {
  const tapData = (label: string) => {
    const area = content.richMenu.areas.find((a) => a.label === label);
    if (!area) throw new Error(`no area ${label}`);
    return encodePostback({ action: area.action });
  };

  it.each([
    ['いますぐ相談', 'the crisis card'],
    ['窓口をさがす', 'the first question'],
    ['証拠の残し方', 'the evidence card'],
    ['使い方', 'what the account does, that no one reads the chat, what it keeps'],
  ])('%s shows %s, then lets the person go on where they were', async (label) => {
    const t = await startTestBot();
    try {
      const person = t.user();
      await person.follow();
      await person.tap(quickReplyOf(person.last)[1]?.action.label ?? '');
      const reply = await person.postback(tapData(label));
      const texts = reply.map((m) => String(m.text ?? '')).join('\n');
      const { messages } = t.content.flow;
      if (label === 'いますぐ相談') expect(telLinks(reply)).toContain('tel:110');
      if (label === '証拠の残し方') expect(JSON.stringify(reply)).toContain(t.content.evidence.title);
      if (label === '窓口をさがす') expect(texts).toContain(t.content.flow.questions[t.content.flow.start]?.text);
      if (label === '使い方') {
        expect(texts).toContain('人が読むことはありません');
        expect(texts).toContain('30分間');
        expect(texts).toContain(messages.afterAbout);
        // Where the person was: the question they had reached, with its buttons.
        expect(quickReplyOf(reply).length).toBeGreaterThan(3);
      }
      expect(t.fake.rejected).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
