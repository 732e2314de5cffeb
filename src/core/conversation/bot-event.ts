/**
 * What a person did, reduced from a LINE webhook event to what the conversation needs.
 * Message content other than text is never carried: only its kind.
 */
export type BotEvent =
  /** `language`: the LINE profile's language, when it could be read in time (the preview's: its `?lang=`). */
  | { readonly type: 'follow'; readonly language?: string }
  | { readonly type: 'unfollow' }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'postback'; readonly data: string }
  | { readonly type: 'other-message' }
  /** Anything in a group or room; the text only so that crisis words are answered there too. */
  | { readonly type: 'in-group'; readonly text?: string };
