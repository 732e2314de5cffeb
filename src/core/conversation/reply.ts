import type { Locale } from '../locale/locale';

/**
 * What the bot answers, before it becomes LINE messages. The last part decides the quick replies:
 * a question offers its options, a result offers 最初から and 戻る.
 */
export type ReplyPart =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'question';
      readonly questionId: string;
      readonly intro?: string;
      /**
       * One-tap switches to these languages: on the first question instead of the 「Language / ことば」 menu,
       * elsewhere before 戻る.
       */
      readonly offerLocales?: readonly Locale[];
    }
  /** `intro`: what typed text was understood as (「書き込みの削除についてですね。」), before the result's text. */
  | { readonly kind: 'result'; readonly resultId: string; readonly intro?: string }
  /**
   * `wrongQuestionId`: a 「ちがう」 button goes there (the question the understood text skipped); `narrow`: the
   * narrowing chips (flows/triage.yaml `narrowing`) come with it. `followsCards`: right under the result's cards,
   * with its advice and which windows take people now; a later prompt (after the evidence or crisis card, or an
   * unusable message) says neither again.
   */
  | {
      readonly kind: 'after-result';
      readonly resultId: string;
      readonly intro?: string;
      readonly wrongQuestionId?: string;
      readonly narrow?: true;
      /** One-tap switches to these languages, before 戻る. */
      readonly offerLocales?: readonly Locale[];
      readonly followsCards?: true;
    }
  | { readonly kind: 'crisis-card' }
  | { readonly kind: 'evidence-card' }
  | { readonly kind: 'platforms-card' }
  /** The languages to choose from; the person's place in the flow stays as it was. */
  | { readonly kind: 'language-menu' };
