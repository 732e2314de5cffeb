import { z } from 'zod';
import type { Session } from '../core/conversation/session';
import { LOCALES, SOURCE_LOCALE } from '../core/locale/locale';

/**
 * The stored form of a session, version 1: `[1, flowVersion, state, history, locale?, wrongQuestionId?]`, a JSON array because it is the
 * smallest readable form (a session is one short key in Redis, kept for every idle person). The leading number is
 * the schema version: a value of another version, or one that does not parse, is dropped on read and the person
 * starts afresh, never a crash. Change the shape only together with the version.
 */
const SCHEMA_VERSION = 1;

const storedSessionSchema = z.tuple([
  z.literal(SCHEMA_VERSION),
  z.string().min(1).max(64),
  z.string().min(1).max(64),
  z.array(z.string().min(1).max(64)).max(64),
  // Added after version 1 was in use, as an optional last element, so sessions stored before still read (in
  // Japanese); an older release reads a session with it as corrupt and starts that person afresh.
  z.enum(LOCALES).optional(),
  // Added later the same way (with the locale written out before it); a session without it reads as before.
  z.string().min(1).max(64).optional(),
  // Elements a later release adds are read past, not refused, so that during a rolling deploy this release keeps
  // the people whose sessions the newer one wrote (a release from before this rule refuses them).
], z.unknown());

export function encodeSession(session: Session): string {
  const { flowVersion, snapshot, locale, wrongQuestionId } = session;
  // Japanese, the language of most sessions, is the default and is left out unless wrongQuestionId follows it.
  const tail = wrongQuestionId ? [locale ?? SOURCE_LOCALE, wrongQuestionId] : locale && locale !== SOURCE_LOCALE ? [locale] : [];
  return JSON.stringify([SCHEMA_VERSION, flowVersion, snapshot.value, snapshot.context.history, ...tail]);
}

/** The session in `stored`, or undefined when it is corrupt or of another schema version. */
export function decodeSession(stored: string): Session | undefined {
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  const parsed = storedSessionSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const [, flowVersion, value, history, locale, wrongQuestionId] = parsed.data;
  return { flowVersion, snapshot: { value, context: { history } }, ...(locale && { locale }), ...(wrongQuestionId && { wrongQuestionId }) };
}
