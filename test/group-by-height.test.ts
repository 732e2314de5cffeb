import { groupByHeight } from '../src/core/render/group-by-height';

/** Which cards share a carousel: similar heights together, the first card first, within LINE's room for messages. */
describe('groupByHeight', () => {
  it.each<[string, number[], number, number[][]]>([
    ['no cards', [], 3, []],
    ['one card', [500], 3, [[0]]],
    ['cards of similar heights stay in one carousel', [475, 524, 511], 3, [[0, 1, 2]]],
    ['a short card beside a long one: one carousel each, the first first', [439, 700], 3, [[0], [1]]],
    ['a long card among short ones: the short ones together, in their order', [475, 872, 524, 511], 2, [[0, 2, 3], [1]]],
    ['the long first card keeps its place', [872, 475, 524, 511], 2, [[0], [1, 2, 3]]],
    ['three heights, room for three', [439, 700, 1000], 3, [[0], [1], [2]]],
    ['no room to split: one carousel', [439, 700], 1, [[0, 1]]],
  ])('%s', (_name, heights, room, expected) => {
    expect(groupByHeight(heights, room, 0.75)).toEqual(expected);
  });

  it('with too little room, keeps the grouping whose shortest card fills the most', () => {
    // [300] [600, 700, 1000] fills 60 %; [300, 600] [700, 1000] fills 50 %.
    expect(groupByHeight([300, 600, 700, 1000], 2, 0.75)).toEqual([[0], [1, 2, 3]]);
  });
});
