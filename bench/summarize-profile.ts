/**
 * Where a bot's CPU goes, from a V8 CPU profile (`npm run bench -- --only=instant-1k-c32 --node-flags="--cpu-prof
 * --cpu-prof-dir=/tmp/prof"`): self time per part of the stack (Express, validation, logging, session, render…),
 * idle left out, and start-up too: samples count from the first request the HTTP server handed over on.
 * `node dist/bench/summarize-profile.js /tmp/prof/CPU.….cpuprofile`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** First match wins: a function belongs to the part its file is in. */
const PARTS: readonly (readonly [string, RegExp])[] = [
  ['idle', /^\((idle|program)\)$/],
  ['GC', /^\(garbage collector\)$/],
  ['Express and body parsing', /node_modules\/(express|router|body-parser|raw-body|iconv-lite|type-is|mime|finalhandler|send|serve-static|on-finished|qs|content-type|media-typer|path-to-regexp|depd|statuses|http-errors)\//],
  ['security headers (helmet)', /node_modules\/helmet\//],
  ['LINE SDK', /node_modules\/@line\//],
  ['HTTP client (undici)', /undici/],
  ['validation (zod)', /node_modules\/zod\//],
  ['logging (pino)', /node_modules\/(pino|sonic-boom|thread-stream|fast-redact|quick-format-unescaped|atomic-sleep|on-exit-leak-free)/],
  ['conversation (XState, flow, steps)', /node_modules\/xstate\/|\/src\/core\/(conversation|flow)\//],
  ['understanding (typed text)', /\/src\/core\/understanding\//],
  ['render (Flex, hours)', /\/src\/core\/(render|hours|agencies|locale)\//],
  ['session and dedupe', /\/src\/(app\/(session|event-dedupe|keyed-queue)|adapters\/store)\//],
  ['webhook pipeline and HTTP adapters', /\/src\/(app|adapters)\//],
  ['our other code', /\/(src|bench)\//],
  ['Node: HTTP, streams, sockets', /^node:(internal\/)?(http|_http|net|stream|streams|internal\/streams|timers|events|buffer|string_decoder)/],
  ['Node: crypto', /^node:(internal\/)?crypto/],
  ['Node: other', /^node:/],
];

function partOf(node: ProfileNode): string {
  const key = node.callFrame.url || `(${node.callFrame.functionName.replace(/^\(|\)$/g, '')})`;
  for (const [name, pattern] of PARTS) if (pattern.test(key) || pattern.test(node.callFrame.functionName)) return name;
  return node.callFrame.url ? 'other' : 'V8 built-ins (JSON, RegExp, …)';
}

const file = process.argv[2];
if (!file) throw new Error('usage: summarize-profile <file.cpuprofile>');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const parts = new Map(profile.nodes.map((node) => [node.id, partOf(node)]));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
/**
 * Serving begins with the first request node:http hands over: start-up (module loading, content, the render-time
 * check) never has it in its stack. A bot's own file is no mark: its module-level code runs at start-up.
 */
const SERVING = 'parserOnIncoming';
const serves = (id: number): boolean => {
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    if (byId.get(at)?.callFrame.functionName === SERVING) return true;
  }
  return false;
};
const firstServed = Math.max(0, profile.samples.findIndex(serves));
const micros = new Map<string, number>();
profile.samples.forEach((id, i) => {
  if (i < firstServed) return;
  const part = parts.get(id) ?? 'other';
  micros.set(part, (micros.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
micros.delete('idle');
const busy = [...micros.values()].reduce((a, b) => a + b, 0);
console.log(`busy ${(busy / 1000).toFixed(0)} ms`);
for (const [part, us] of [...micros].sort((a, b) => b[1] - a[1])) {
  console.log(`${((100 * us) / busy).toFixed(1).padStart(5)} %  ${part}`);
}
