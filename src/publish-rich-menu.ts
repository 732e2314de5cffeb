import { readFileSync } from 'node:fs';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { loadContent } from './adapters/content/load-content';
import { createLineRichMenuApi } from './adapters/line/line-rich-menu-api';
import { LineApiError } from './app/line-api-error';
import { planRichMenu, publishRichMenu, toPublishableMenu, type RichMenuStep } from './app/rich-menu-publishing';
import { ConfigError, loadConfig } from './config';
import { ContentError } from './core/errors';

/**
 * `npm run rich-menu [-- --dry-run]`: publishes data/rich-menu.yaml and its image as the channel's default rich
 * menu, and deletes the menus it published before. Running it again with the same files changes nothing.
 * `--dry-run` prints the menu and the plan (reading the channel's menus when credentials are set) and changes nothing.
 */
async function main(argv: readonly string[]): Promise<void> {
  const unknown = argv.filter((arg) => arg !== '--dry-run');
  if (unknown.length > 0) throw new UsageError(`unknown argument ${unknown.join(' ')}; usage: npm run rich-menu [-- --dry-run]`);
  const dryRun = argv.includes('--dry-run');
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const rootDir = process.cwd();
  const { richMenu } = loadContent(rootDir);
  const menu = toPublishableMenu(richMenu, readFileSync(path.resolve(rootDir, richMenu.image)));
  const line = config.line;
  const api =
    line && createLineRichMenuApi({ channelAccessToken: line.channelAccessToken, baseURL: line.apiBaseUrl, dataBaseURL: line.apiDataBaseUrl });

  if (dryRun) {
    console.log(`Rich menu (${richMenu.image}, ${menu.image.length} bytes):`);
    console.log(JSON.stringify(menu.request, null, 2));
    if (!api) {
      console.log(`Dry run, no LINE credentials: would create "${menu.name}", upload its image, set it as the default, and delete the other menus named ${richMenu.name}:*.`);
      return;
    }
    const steps = planRichMenu(await api.list(), await api.defaultId(), menu.name, richMenu.name);
    console.log(`Dry run; nothing changed. Would:\n${steps.map((step) => `  - ${describeStep(step)}`).join('\n')}`);
    return;
  }
  if (!api) throw new UsageError('LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are needed to publish (or use --dry-run)');
  const steps = planRichMenu(await api.list(), await api.defaultId(), menu.name, richMenu.name);
  await publishRichMenu(api, menu, steps, (line) => console.log(line));
}

function describeStep(step: RichMenuStep): string {
  switch (step.kind) {
    case 'create':
      return `create "${step.name}", upload its image and set it as the default`;
    case 'keep':
      return `keep ${step.richMenuId} ("${step.name}"), already the default`;
    case 'delete':
      return `delete ${step.richMenuId} ("${step.name}")`;
  }
}

/** A wrong command line or a missing credential: said plainly, without a stack. */
class UsageError extends Error {
  override name = 'UsageError';
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof ContentError || error instanceof UsageError || error instanceof LineApiError;
  console.error(known ? error.message : error);
  process.exit(1);
});
