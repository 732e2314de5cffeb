import type { Content } from '../content';
import { createTextMatcher, type TextMatcher } from '../understanding/text-matcher';
import { createFlowStates, type FlowStates } from './flow-states';

/** What is derived from the content once and shared by every conversation. */
export interface Engine {
  readonly content: Content;
  /** The only way the place in the flow changes. */
  readonly states: FlowStates;
  /** Crisis words, understanding phrases and option labels, compiled into one scanner. */
  readonly matcher: TextMatcher;
  /** Told to the person in the privacy note. */
  readonly sessionTtlMinutes: number;
}

export function createEngine(content: Content, options: { sessionTtlMinutes: number }): Engine {
  return {
    content,
    states: createFlowStates(content.flow),
    matcher: createTextMatcher(content),
    sessionTtlMinutes: options.sessionTtlMinutes,
  };
}
