// Publishing the rich menu as a use-case: name the menu after its content, plan the steps from the channel's menus,
// run them through a RichMenuApi. Its command line is src/publish-rich-menu.ts (`npm run rich-menu`).
import { createHash } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import type { RichMenu } from '../core/rich-menu/rich-menu';
import { toLineRichMenu } from '../core/rich-menu/rich-menu';

/** The few rich menu calls of LINE's API that publishing needs. */
export interface RichMenuApi {
  list(): Promise<readonly { readonly richMenuId: string; readonly name: string }[]>;
  /** The menu every user sees by default, if one is set. */
  defaultId(): Promise<string | undefined>;
  /** Asks LINE to check the menu object without creating it. */
  validate(menu: messagingApi.RichMenuRequest): Promise<void>;
  create(menu: messagingApi.RichMenuRequest): Promise<string>;
  uploadImage(richMenuId: string, png: Uint8Array): Promise<void>;
  setDefault(richMenuId: string): Promise<void>;
  delete(richMenuId: string): Promise<void>;
}

/** One thing publishing does. */
export type RichMenuStep =
  | { readonly kind: 'create'; readonly name: string }
  | { readonly kind: 'keep'; readonly richMenuId: string; readonly name: string }
  | { readonly kind: 'delete'; readonly richMenuId: string; readonly name: string };

/** The menu to publish, named after its content so that a second run recognises it. */
export interface PublishableMenu {
  readonly name: string;
  readonly request: messagingApi.RichMenuRequest;
  readonly image: Uint8Array;
}

/**
 * Names the menu `<name>:<hash of the menu and its image>`: the same files give the same name, and every menu this
 * bot made starts with `<name>:`. LINE cannot replace an uploaded image, so a changed image is a new menu.
 */
export function toPublishableMenu(menu: RichMenu, image: Uint8Array): PublishableMenu {
  const unnamed = JSON.stringify(toLineRichMenu(menu, ''));
  const hash = createHash('sha256').update(unnamed).update(image).digest('hex').slice(0, 12);
  const name = `${menu.name}:${hash}`;
  return { name, request: toLineRichMenu(menu, name), image };
}

/**
 * What to do, from what the channel has: keep the menu if this very one is already the default, else create it;
 * then delete every other menu this bot made (its name prefix), after the new default is set, so the chat never
 * shows no menu. A same-named menu that is not the default is replaced, since its image may never have uploaded.
 * Menus made by others (another prefix, the OA Manager) are left alone.
 */
export function planRichMenu(
  current: readonly { readonly richMenuId: string; readonly name: string }[],
  defaultId: string | undefined,
  name: string,
  prefix: string,
): RichMenuStep[] {
  const live = current.find((menu) => menu.name === name && menu.richMenuId === defaultId);
  const ours = current.filter((menu) => menu.name.startsWith(`${prefix}:`) && menu !== live);
  return [
    live ? { kind: 'keep', richMenuId: live.richMenuId, name } : { kind: 'create', name },
    ...ours.map((menu) => ({ kind: 'delete' as const, richMenuId: menu.richMenuId, name: menu.name })),
  ];
}

/** Carries out the plan; `report` hears each step as it is done. Stops at the first failure. */
export async function publishRichMenu(
  api: RichMenuApi,
  menu: PublishableMenu,
  steps: readonly RichMenuStep[],
  report: (line: string) => void,
): Promise<void> {
  for (const step of steps) {
    switch (step.kind) {
      case 'keep':
        report(`kept ${step.richMenuId} (${step.name}): already the default`);
        break;
      case 'create': {
        await api.validate(menu.request);
        const id = await api.create(menu.request);
        report(`created ${id} (${step.name})`);
        await api.uploadImage(id, menu.image);
        report(`uploaded its image (${menu.image.length} bytes)`);
        await api.setDefault(id);
        report(`set ${id} as the default menu`);
        break;
      }
      case 'delete':
        await api.delete(step.richMenuId);
        report(`deleted ${step.richMenuId} (${step.name})`);
        break;
    }
  }
}
