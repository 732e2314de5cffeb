/**
 * Draws the six consultation-channel icons (in person, phone, mail, chat, SNS,
 * web form) into data/icons/*.png.
 *
 * Why a script: the icons are our own drawing, so there is no third-party
 * artwork or licence to track, and anyone can regenerate or tweak them from
 * this file alone. It uses only Node built-ins (no npm packages, no external
 * assets), so the output is reproducible byte for byte.
 *
 * Run from anywhere (Node >= 22.6, type stripping; hence only erasable
 * TypeScript syntax here: no enums, namespaces or parameter properties):
 *
 *   node --experimental-strip-types scripts/draw-icons.ts
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

type Canvas = { width: number; height: number; data: Uint8Array };
type Rgba = readonly [number, number, number, number];
type Point = readonly [number, number];

const SIZE = 96;
// Shapes are drawn hard-edged at 4x and averaged down, which gives 16 levels of
// edge coverage: enough anti-aliasing for a 96 px icon without any maths per shape.
const SS = 4;
const INK: Rgba = [0x55, 0x55, 0x55, 255]; // #555555: calm, neutral, readable on white and on LINE green
// Painting CLEAR cuts a shape out of what is already drawn (envelope flap, bubble dots, ...).
const CLEAR: Rgba = [0, 0, 0, 0];

function createCanvas(width: number, height: number): Canvas {
  return { width, height, data: new Uint8Array(width * height * 4) };
}

// Every primitive is "paint each supersampled pixel whose centre is inside the shape".
// Coordinates are in final icon pixels (0..96); `box` only limits the scan.
function fillWhere(c: Canvas, color: Rgba, box: readonly [number, number, number, number], inside: (x: number, y: number) => boolean): void {
  const [x0, y0, x1, y1] = box;
  for (let py = Math.max(0, Math.floor(y0 * SS)); py < Math.min(c.height, Math.ceil(y1 * SS)); py++) {
    for (let px = Math.max(0, Math.floor(x0 * SS)); px < Math.min(c.width, Math.ceil(x1 * SS)); px++) {
      if (inside((px + 0.5) / SS, (py + 0.5) / SS)) c.data.set(color, (py * c.width + px) * 4);
    }
  }
}

function fillCircle(c: Canvas, cx: number, cy: number, r: number, color: Rgba): void {
  fillWhere(c, color, [cx - r, cy - r, cx + r, cy + r], (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r);
}

function fillRoundRect(c: Canvas, x: number, y: number, w: number, h: number, r: number, color: Rgba): void {
  // Inside if within r of the rectangle shrunk by r on every side (so r <= w/2, h/2).
  fillWhere(c, color, [x, y, x + w, y + h], (px, py) => {
    const dx = px - Math.min(Math.max(px, x + r), x + w - r);
    const dy = py - Math.min(Math.max(py, y + r), y + h - r);
    return dx * dx + dy * dy <= r * r;
  });
}

// Round-capped, so consecutive segments join smoothly into polylines and arcs.
function strokeLine(c: Canvas, [ax, ay]: Point, [bx, by]: Point, thickness: number, color: Rgba): void {
  const h = thickness / 2;
  const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
  fillWhere(c, color, [Math.min(ax, bx) - h, Math.min(ay, by) - h, Math.max(ax, bx) + h, Math.max(ay, by) + h], (x, y) => {
    const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / len2));
    return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= h * h;
  });
}

function fillPolygon(c: Canvas, points: readonly Point[], color: Rgba): void {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  // Even-odd ray casting.
  fillWhere(c, color, [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  });
}

function drawInPerson(c: Canvas): void {
  fillCircle(c, 48, 29, 17, INK);
  // Shoulders: a tall round-topped block, cut flat at the bottom.
  fillRoundRect(c, 16, 54, 64, 60, 26, INK);
  fillRoundRect(c, 0, 86, SIZE, SIZE - 86, 0, CLEAR);
}

function drawPhone(c: Canvas): void {
  // Handset seen diagonally: a quarter ring around (cx, cy) bulging to the lower left,
  // with an ear pad at its top-left end and a mouth pad at its bottom-right end.
  // The ring ends at 180 and 90 degrees, so the pads are axis-aligned rectangles.
  const [cx, cy, r] = [78, 18, 57];
  const at = (deg: number): Point => [cx + r * Math.cos((deg * Math.PI) / 180), cy + r * Math.sin((deg * Math.PI) / 180)];
  for (let deg = 92; deg < 178; deg += 2) strokeLine(c, at(deg), at(deg + 2), 14, INK);
  fillRoundRect(c, cx - 64, cy - 4, 26, 30, 8, INK);
  fillRoundRect(c, cx - 26, cy + 38, 30, 26, 8, INK);
}

function drawMail(c: Canvas): void {
  fillRoundRect(c, 10, 22, 76, 54, 7, INK);
  strokeLine(c, [16, 28], [48, 52], 5, CLEAR);
  strokeLine(c, [48, 52], [80, 28], 5, CLEAR);
}

function drawChat(c: Canvas): void {
  fillRoundRect(c, 10, 16, 76, 54, 18, INK);
  fillPolygon(c, [[24, 62], [20, 84], [46, 66]], INK);
  for (const x of [30, 48, 66]) fillCircle(c, x, 43, 6, CLEAR);
}

function drawSns(c: Canvas): void {
  // "Share" network glyph: distinct from the chat bubble and widely read as social media.
  const top: Point = [70, 22];
  const left: Point = [26, 48];
  const bottom: Point = [70, 74];
  strokeLine(c, top, left, 7, INK);
  strokeLine(c, left, bottom, 7, INK);
  for (const [x, y] of [top, left, bottom]) fillCircle(c, x, y, 13, INK);
}

function drawWebForm(c: Canvas): void {
  // Sheet with blank lines cut out of it, and a pencil filling it in.
  fillRoundRect(c, 14, 8, 54, 80, 6, INK);
  for (const y of [24, 36, 48]) strokeLine(c, [24, y], [58, y], 5, CLEAR);
  strokeLine(c, [24, 60], [42, 60], 5, CLEAR);

  const tail: Point = [86, 44];
  const end: Point = [62, 72]; // where the wooden cone starts
  const len = Math.hypot(end[0] - tail[0], end[1] - tail[1]);
  const [dx, dy] = [(end[0] - tail[0]) / len, (end[1] - tail[1]) / len];
  const side = (p: Point, k: number): Point => [p[0] - dy * k, p[1] + dx * k];
  const tip: Point = [end[0] + dx * 14, end[1] + dy * 14];
  // A transparent halo keeps the pencil readable where it overlaps the sheet.
  strokeLine(c, tail, tip, 22, CLEAR);
  fillPolygon(c, [side(tail, 6), side(tail, -6), side(end, -6), tip, side(end, 6)], INK);
}

// Averages each SS x SS block, weighting colour by alpha so cut-out (transparent
// black) samples fade the edge instead of darkening it.
function downsample(src: Canvas): Canvas {
  const dst = createCanvas(src.width / SS, src.height / SS);
  for (let y = 0; y < dst.height; y++) {
    for (let x = 0; x < dst.width; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const i = ((y * SS + sy) * src.width + x * SS + sx) * 4;
          const a = src.data[i + 3]!;
          for (let k = 0; k < 3; k++) sum[k]! += src.data[i + k]! * a;
          sum[3]! += a;
        }
      }
      const o = (y * dst.width + x) * 4;
      if (sum[3]! === 0) continue;
      for (let k = 0; k < 3; k++) dst.data[o + k] = Math.round(sum[k]! / sum[3]!);
      dst.data[o + 3] = Math.round(sum[3]! / (SS * SS));
    }
  }
  return dst;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// PNG = signature + IHDR + IDAT + IEND; each chunk is length, type, data, CRC(type + data).
function encodePng(c: Canvas): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(c.width, 0);
  ihdr.writeUInt32BE(c.height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, adaptive filtering, no interlace
  // Each scanline is prefixed with filter type 0 (none); deflate does the compressing.
  const rowLen = c.width * 4;
  const raw = Buffer.alloc((rowLen + 1) * c.height);
  for (let y = 0; y < c.height; y++) raw.set(c.data.subarray(y * rowLen, (y + 1) * rowLen), y * (rowLen + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS: ReadonlyArray<readonly [string, (c: Canvas) => void]> = [
  ['in-person', drawInPerson],
  ['phone', drawPhone],
  ['mail', drawMail],
  ['chat', drawChat],
  ['sns', drawSns],
  ['web-form', drawWebForm],
];

// Resolved from the script's own path (works under both CommonJS and ESM loading).
const outDir = join(dirname(process.argv[1]!), '..', 'data', 'icons');
mkdirSync(outDir, { recursive: true });
for (const [name, draw] of ICONS) {
  const canvas = createCanvas(SIZE * SS, SIZE * SS);
  draw(canvas);
  const png = encodePng(downsample(canvas));
  writeFileSync(join(outDir, `${name}.png`), png);
  console.log(`${join('data', 'icons', `${name}.png`)}  ${png.length} bytes`);
}
