import { ContentError } from '../../core/errors';
import { LINE_LIMITS } from '../../core/line-limits';
import type { RichMenu } from '../../core/rich-menu/rich-menu';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The rich menu's image as LINE will take it: a PNG of exactly the menu's size, at most 1 MB.
 * @see https://developers.line.biz/en/reference/messaging-api/#upload-rich-menu-image-requirements
 * @throws ContentError naming the image file.
 */
export function checkRichMenuImage(menu: RichMenu, image: { file: string; bytes: Buffer }): void {
  const { file, bytes } = image;
  const problems: string[] = [];
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    problems.push('is not a PNG');
  } else {
    // IHDR, the first chunk: width and height as big-endian 32-bit integers at bytes 16 and 20.
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    if (width !== menu.size.width || height !== menu.size.height) {
      problems.push(`is ${width}×${height}; the menu is ${menu.size.width}×${menu.size.height} (npm run rich-menu:image)`);
    }
  }
  if (bytes.length > LINE_LIMITS.richMenu.maxImageBytes) {
    problems.push(`is ${bytes.length} bytes; LINE takes at most ${LINE_LIMITS.richMenu.maxImageBytes}`);
  }
  if (problems.length > 0) throw new ContentError(file, problems);
}
