import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateRichMenuRequest } from './line-openapi-validator';

/** A rich menu as the fake holds it. */
export interface FakeRichMenu {
  readonly richMenuId: string;
  readonly body: Record<string, any>;
  image?: Buffer;
}

export interface FakeRichMenuApi {
  /** Where api.line.me's rich menu endpoints are. */
  readonly baseUrl: string;
  /** Where api-data.line.me is: only the image upload goes there. */
  readonly dataBaseUrl: string;
  readonly menus: Map<string, FakeRichMenu>;
  readonly defaultId: () => string | undefined;
  /** Every call, as "METHOD host path" with host `api` or `data`. */
  readonly calls: string[];
  /** Menu bodies or images refused, with why. */
  readonly rejected: string[][];
  /** Adds a menu as if made earlier (by this bot or by someone else), with an image. */
  seed(name: string, options?: { asDefault?: boolean; withImage?: boolean }): string;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for LINE's rich menu endpoints, refusing what LINE would: a body that breaks the OpenAPI
 * schema or LINE's rules (image 800–2500 px wide, ≥ 250 high, ratio ≥ 1.45, ≤ 20 areas inside it, chatBarText ≤ 14,
 * postback data ≤ 300), an image on the wrong host, of the wrong size or over 1 MB, a second image for a menu, and
 * a default menu without its image.
 * @see https://developers.line.biz/en/reference/messaging-api/#rich-menu
 */
export async function startFakeRichMenuApi(options: { channelAccessToken: string }): Promise<FakeRichMenuApi> {
  const menus = new Map<string, FakeRichMenu>();
  const calls: string[] = [];
  const rejected: string[][] = [];
  let defaultId: string | undefined;
  validateRichMenuRequest({}); // compile the validator before the first call

  const serve = (host: 'api' | 'data') =>
    http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const answer = (status: number, body: object) => {
          res.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': randomUUID() });
          res.end(JSON.stringify(body));
        };
        const path = (req.url ?? '').split('?')[0] ?? '';
        calls.push(`${req.method} ${host} ${path}`);
        if (req.headers.authorization !== `Bearer ${options.channelAccessToken}`) {
          return answer(401, { message: 'Authentication failed due to the following reason: invalid token' });
        }
        const body = Buffer.concat(chunks);
        const refuse = (problems: string[]) => {
          rejected.push(problems);
          return answer(400, { message: 'The request body has errors', details: problems.map((message) => ({ message })) });
        };
        const route = `${req.method} ${host} ${path.replace(/richmenu-[0-9a-f]{32}/, ':id')}`;
        const id = /richmenu-[0-9a-f]{32}/.exec(path)?.[0] ?? '';
        const menu = menus.get(id);
        switch (route) {
          case 'POST api /v2/bot/richmenu/validate':
          case 'POST api /v2/bot/richmenu': {
            const json = JSON.parse(body.toString('utf8')) as Record<string, any>;
            const problems = [...validateRichMenuRequest(json), ...checkRichMenuRules(json)];
            if (problems.length > 0) return refuse(problems);
            if (route.endsWith('validate')) return answer(200, {});
            const richMenuId = `richmenu-${randomBytes(16).toString('hex')}`;
            menus.set(richMenuId, { richMenuId, body: json });
            return answer(200, { richMenuId });
          }
          case 'GET api /v2/bot/richmenu/list':
            return answer(200, { richmenus: [...menus.values()].map((m) => ({ richMenuId: m.richMenuId, ...m.body })) });
          case 'DELETE api /v2/bot/richmenu/:id':
            if (!menu) return answer(404, { message: 'richmenu not found' });
            menus.delete(id);
            if (defaultId === id) defaultId = undefined;
            return answer(200, {});
          case 'GET api /v2/bot/user/all/richmenu':
            return defaultId ? answer(200, { richMenuId: defaultId }) : answer(404, { message: 'no default richmenu' });
          case 'POST api /v2/bot/user/all/richmenu/:id':
            if (!menu) return answer(404, { message: 'richmenu not found' });
            if (!menu.image) return answer(400, { message: 'must upload richmenu image before applying it to user' });
            defaultId = id;
            return answer(200, {});
          case 'POST data /v2/bot/richmenu/:id/content': {
            if (!menu) return answer(404, { message: 'richmenu not found' });
            if (menu.image) return answer(400, { message: 'An image has already been uploaded to the richmenu' });
            const problems = checkImage(req.headers['content-type'], body, menu.body.size);
            if (problems.length > 0) return refuse(problems);
            menu.image = body;
            return answer(200, {});
          }
          default:
            return answer(404, { message: 'Not found' });
        }
      });
    });

  const api = serve('api').listen(0, '127.0.0.1');
  const data = serve('data').listen(0, '127.0.0.1');
  await Promise.all([once(api, 'listening'), once(data, 'listening')]);
  const url = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: url(api),
    dataBaseUrl: url(data),
    menus,
    defaultId: () => defaultId,
    calls,
    rejected,
    seed(name, { asDefault = false, withImage = true } = {}) {
      const richMenuId = `richmenu-${randomBytes(16).toString('hex')}`;
      const size = { width: 2500, height: 843 };
      menus.set(richMenuId, { richMenuId, body: { name, size, selected: false, chatBarText: 'menu', areas: [] }, ...(withImage && { image: Buffer.from('png') }) });
      if (asDefault) defaultId = richMenuId;
      return richMenuId;
    },
    async close() {
      for (const server of [api, data]) server.closeAllConnections();
      await Promise.all([api, data].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

/** LINE's rules beyond the schema. */
function checkRichMenuRules(menu: Record<string, any>): string[] {
  const problems: string[] = [];
  const { width, height } = menu.size ?? {};
  if (!(width >= 800 && width <= 2500)) problems.push(`size.width ${width}: must be 800 to 2500`);
  if (!(height >= 250)) problems.push(`size.height ${height}: must be at least 250`);
  if (width / height < 1.45) problems.push('size: width / height must be at least 1.45');
  if (typeof menu.chatBarText !== 'string' || menu.chatBarText.length > 14) problems.push('chatBarText: at most 14 characters');
  if (typeof menu.name !== 'string' || menu.name.length > 300) problems.push('name: at most 300 characters');
  const areas: Record<string, any>[] = Array.isArray(menu.areas) ? menu.areas : [];
  if (areas.length > 20) problems.push('areas: at most 20');
  areas.forEach((area, index) => {
    const b = area.bounds ?? {};
    if (b.x < 0 || b.y < 0 || b.x + b.width > width || b.y + b.height > height) problems.push(`areas[${index}].bounds: outside the image`);
    if (typeof area.action?.data === 'string' && area.action.data.length > 300) problems.push(`areas[${index}].action.data: at most 300`);
    if (typeof area.action?.label === 'string' && area.action.label.length > 20) problems.push(`areas[${index}].action.label: at most 20`);
  });
  return problems;
}

function checkImage(contentType: string | undefined, image: Buffer, size: { width: number; height: number }): string[] {
  if (contentType !== 'image/png' && contentType !== 'image/jpeg') return [`content-type ${contentType}: must be image/png or image/jpeg`];
  if (image.length > 1024 * 1024) return [`image: ${image.length} bytes; at most 1 MB`];
  if (contentType === 'image/png' && (image.readUInt32BE(16) !== size.width || image.readUInt32BE(20) !== size.height)) {
    return [`image: ${image.readUInt32BE(16)}×${image.readUInt32BE(20)}, the menu is ${size.width}×${size.height}`];
  }
  return [];
}
