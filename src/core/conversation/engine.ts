import type { Content } from '../content';
import type { IntentClassifier } from '../understanding/intent-model';
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

/** `classifier`: instead of the content's trained one (cross-validation trains one per fold). */
export interface EngineOptions {
  readonly sessionTtlMinutes: number;
  readonly classifier?: IntentClassifier;
}

export function createEngine(content: Content, options: EngineOptions): Engine {
  return {
    content,
    states: createFlowStates(content.flow),
    matcher: createTextMatcher(content, options.classifier),
    sessionTtlMinutes: options.sessionTtlMinutes,
  };
}
