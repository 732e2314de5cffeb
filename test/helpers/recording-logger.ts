import { EventEmitter, on } from 'node:events';
import type { Logger } from '../../src/app/ports';

export type LogLine = Record<string, unknown>;

/** A Logger that keeps every line (level, fields and message) for the test to read or wait for. */
export interface RecordingLogger extends Logger {
  readonly logs: LogLine[];
  /** Resolves with the first log line (already written or still to come) that matches. */
  waitForLog(description: string, match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

export function createRecordingLogger(): RecordingLogger {
  const logs: LogLine[] = [];
  const logged = new EventEmitter();
  const record = (level: string) => (fields: object, msg?: string) => {
    const line = { level, ...fields, msg };
    logs.push(line);
    logged.emit('line', line);
  };
  const waitForLog: RecordingLogger['waitForLog'] = async (description, match, timeoutMs = 5000) => {
    const found = logs.find(match);
    if (found) return found;
    const ended = new AbortController();
    const timer = setTimeout(() => ended.abort(new Error(`waited ${timeoutMs} ms for the log line: ${description}`)), timeoutMs);
    try {
      for await (const [line] of on(logged, 'line', { signal: ended.signal })) {
        if (match(line as LogLine)) return line as LogLine;
      }
    } catch (error) {
      throw ended.signal.aborted ? ended.signal.reason : error;
    } finally {
      clearTimeout(timer);
    }
    throw new Error('unreachable: the log stream never ends');
  };
  return { logs, waitForLog, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}
