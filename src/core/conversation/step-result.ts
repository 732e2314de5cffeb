import type { Classified } from '../understanding/text-matcher';
import type { ReplyPart } from './reply';
import type { Session } from './session';

/** How an event was handled, for the log line (never the person's words). */
export type Outcome =
  | 'greeted'
  | 'about'
  | 'asked'
  | 'result'
  | 'crisis'
  | 'threat'
  | 'understood'
  | 'small-talk'
  | 'not-understood'
  | 'fallback'
  | 'stale'
  | 'flow-updated'
  | 'forgotten'
  | 'group-note'
  | 'evidence'
  | 'platforms'
  | 'info-reported';

export interface StepResult {
  /** The session to save, or null to delete it. */
  readonly session: Session | null;
  readonly reply: readonly ReplyPart[];
  readonly outcome: Outcome;
  readonly resultId?: string;
  /**
   * What typed text was understood as (an entry id of flows/understanding.yaml) and its score, with the classifier's
   * reading (intent, probability, band): never the text.
   */
  readonly match?: { readonly target: string; readonly score: number; readonly classified?: Classified };
  /** The agency whose card got 「情報がちがう？」, so the operator knows what to re-check: no text, no user. */
  readonly reportedAgencyId?: string;
}
