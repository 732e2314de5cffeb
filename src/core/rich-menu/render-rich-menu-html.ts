import type { RichMenu, RichMenuArea } from './rich-menu';

/** Colours per area style: the urgent one stands out, the others stay calm; white text keeps 4.5:1 contrast. */
const STYLES: Record<RichMenuArea['style'], { background: string; ink: string }> = {
  urgent: { background: '#D93025', ink: '#FFFFFF' },
  primary: { background: '#0B7A3E', ink: '#FFFFFF' },
  plain: { background: '#FFFFFF', ink: '#1F2933' },
};

/** Line drawings on a 24-unit grid, stroked in the area's ink. */
const ICONS: Record<RichMenuArea['icon'], string> = {
  phone:
    '<path d="M6.6 3.5h2.6l1.4 4.2-2 1.5a12 12 0 0 0 6.2 6.2l1.5-2 4.2 1.4v2.6a2.1 2.1 0 0 1-2.3 2.1A17.3 17.3 0 0 1 4.5 5.8 2.1 2.1 0 0 1 6.6 3.5z"/>',
  search: '<circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5 21 21"/>',
  camera: '<path d="M4 8h3.2l1.6-2.5h6.4L16.8 8H20v11H4z"/><circle cx="12" cy="13.2" r="3.3"/>',
  info: '<circle cx="12" cy="12" r="9"/><path d="M12 11v6"/><path d="M12 7.2v.1"/>',
};

/**
 * The rich menu image as an HTML page of exactly the menu's size: each area drawn at its bounds with its icon,
 * label and sublabel, so the picture and the tap areas cannot drift apart. scripts/draw-rich-menu.mjs screenshots it.
 * Every string is escaped; the page loads nothing from outside.
 */
export function renderRichMenuHtml(menu: RichMenu): string {
  const { width, height } = menu.size;
  const areas = menu.areas
    .map((area) => {
      const { x, y, width: w, height: h } = area.bounds;
      const { background, ink } = STYLES[area.style];
      return `<div class="area" style="left:${x}px;top:${y}px;width:${w}px;height:${h}px;background:${background};color:${ink}">
  <svg viewBox="0 0 24 24" fill="none" stroke="${ink}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${ICONS[area.icon]}</svg>
  <div class="label">${escapeHtml(area.label)}</div>${area.sublabel ? `\n  <div class="sublabel">${escapeHtml(area.sublabel)}</div>` : ''}
</div>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: ${width}px; height: ${height}px; overflow: hidden; background: #FFFFFF; }
  body { position: relative; font-family: 'Noto Sans CJK JP', 'Noto Sans JP', sans-serif; }
  .area { position: absolute; box-sizing: border-box; display: flex; flex-direction: column; align-items: center;
    justify-content: center; gap: 28px; padding: 24px; border-right: 6px solid #E3E7EC; text-align: center; }
  .area:last-child { border-right: 0; }
  svg { width: 210px; height: 210px; }
  .label { font-size: 84px; font-weight: 700; line-height: 1.15; white-space: nowrap; }
  .sublabel { font-size: 56px; font-weight: 500; line-height: 1.2; white-space: nowrap; opacity: 0.92; }
</style></head><body>
${areas}
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
