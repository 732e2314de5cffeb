/**
 * What the bot answers, before it becomes LINE messages. The last part decides the quick replies:
 * a question offers its options, a result offers 最初から and 戻る.
 */
export type ReplyPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'question'; readonly questionId: string; readonly intro?: string }
  | { readonly kind: 'result'; readonly resultId: string }
  | { readonly kind: 'after-result'; readonly resultId: string; readonly intro?: string }
  | { readonly kind: 'crisis-card' };
