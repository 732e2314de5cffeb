/**
 * Sorts a result's cards into runs of similar height, each run one carousel: LINE draws every bubble of a carousel
 * as tall as the tallest, so a short card beside a long one ends in a long blank. Returns the runs as indexes of
 * `heights`: the fewest (at most `maxRuns`) in which every card is at least `minFill` of its run's tallest, or when
 * no grouping within `maxRuns` gets there, the one whose shortest card fills the most (fewer runs on a tie).
 *
 * The first card stays first (it holds the call a person should see first): its run comes first, the others follow
 * in the order of their first card, and within a run the cards keep the result's order. Runs of similar height are
 * found among the heights sorted, where the best grouping of values on a line is always a cut into ranges.
 */
export function groupByHeight(heights: readonly number[], maxRuns: number, minFill: number): number[][] {
  if (heights.length === 0) return [];
  const byHeight = heights.map((height, index) => ({ height, index })).sort((a, b) => a.height - b.height || a.index - b.index);
  let best: { sizes: number[]; fill: number } | undefined;
  for (let runs = 1; runs <= Math.min(Math.max(maxRuns, 1), heights.length); runs += 1) {
    for (const sizes of compositions(heights.length, runs)) {
      const fill = fillOf(byHeight.map((card) => card.height), sizes);
      if (!best || fill > best.fill) best = { sizes, fill };
    }
    if (best && best.fill >= minFill) break;
  }
  const groups: number[][] = [];
  let start = 0;
  for (const size of best?.sizes ?? [heights.length]) {
    groups.push(byHeight.slice(start, start + size).map((card) => card.index).sort((a, b) => a - b));
    start += size;
  }
  return groups.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

/** The least share of its run's tallest card that any card fills (1 for a card alone); `sorted` ascending. */
function fillOf(sorted: readonly number[], sizes: readonly number[]): number {
  let fill = 1;
  let start = 0;
  for (const size of sizes) {
    const shortest = sorted[start] ?? 0;
    const tallest = sorted[start + size - 1] ?? 0;
    start += size;
    if (tallest > 0) fill = Math.min(fill, shortest / tallest);
  }
  return fill;
}

/** Every way to write `total` as `parts` positive sizes, in order (a dozen cards at most: a few hundred ways). */
function* compositions(total: number, parts: number): Generator<number[]> {
  if (parts === 1) {
    yield [total];
    return;
  }
  for (let first = 1; first <= total - parts + 1; first += 1) {
    for (const rest of compositions(total - first, parts - 1)) yield [first, ...rest];
  }
}
