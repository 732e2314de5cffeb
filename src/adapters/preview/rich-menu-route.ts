import path from 'node:path';
import express, { type Router } from 'express';
import { toLineRichMenu, type RichMenu } from '../../core/rich-menu/rich-menu';

/**
 * The rich menu for the browser preview: GET /preview/api/rich-menu answers the same menu object
 * `npm run rich-menu` publishes (so its taps send the same postbacks), and /preview/rich-menu.png its image.
 */
export function createRichMenuRoute(options: { richMenu: RichMenu; rootDir: string }): Router {
  const { richMenu, rootDir } = options;
  const menu = toLineRichMenu(richMenu, richMenu.name);
  const router = express.Router();
  router.get('/preview/api/rich-menu', (_req, res) => {
    res.json({ menu, imageUrl: '/preview/rich-menu.png' });
  });
  router.get('/preview/rich-menu.png', (_req, res) => res.sendFile(path.resolve(rootDir, richMenu.image)));
  return router;
}
