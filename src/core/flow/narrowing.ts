import type { Flow, NarrowingOption } from './flow';

/**
 * The narrowing chips under `resultId` when typed text led there, each with the result it shows; none for a result
 * that does not offer them. A chip that would show the same result again is left out.
 */
export function narrowingChips(flow: Flow, resultId: string): readonly NarrowingOption[] {
  const targets = Object.hasOwn(flow.narrowing.results, resultId) ? flow.narrowing.results[resultId] : undefined;
  if (!targets) return [];
  return flow.narrowing.options
    .map((option) => ({ ...option, next: targets[option.id] ?? option.next }))
    .filter((option) => option.next !== resultId);
}

/** The result a vague description pointing at `questionId` shows (every question has one: checked at start-up). */
export function vagueResult(flow: Flow, questionId: string): string {
  const resultId = Object.hasOwn(flow.narrowing.vague, questionId) ? flow.narrowing.vague[questionId] : undefined;
  if (!resultId) throw new Error(`no narrowing.vague result for question ${questionId}`);
  return resultId;
}
