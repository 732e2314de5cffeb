import type { FlowContext } from '../flow/compile-flow';
import type { Locale } from '../locale/locale';

/**
 * One person's place in the flow: the machine's persisted snapshot and the flow version it belongs to.
 * Nothing the person wrote is kept here.
 */
export interface Session {
  readonly flowVersion: string;
  readonly snapshot: { readonly value: string; readonly context: FlowContext };
  /** The language the person reads; absent in sessions saved before there was a choice (then Japanese). */
  readonly locale?: Locale;
  /** At a result typed text led to: the question its 「ちがう」 chip asks, so a typed ちがう asks it too. */
  readonly wrongQuestionId?: string;
}
