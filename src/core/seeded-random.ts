/**
 * mulberry32: a small, fast seeded generator of numbers in [0, 1). The same seed gives the same sequence on every
 * run and machine, so a trained model is byte-identical and a benchmark sends the same events each time.
 * Not for anything that must be unpredictable.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
