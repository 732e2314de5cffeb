import { EventEmitter } from 'node:events';
import type { Logger } from '../../src/app/ports';
import { until } from './until';

export type LogLine = Record<string, unknown>;

/** Log lines as they come (from a Logger in the test's process, or a child's stdout), to read or wait for. */
export interface LogBook {
  readonly logs: LogLine[];
  add(line: LogLine): void;
  /** Resolves with the first log line (already written or still to come) that matches. */
  waitForLog(description: string, match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

export function createLogBook(options: { defaultTimeoutMs?: number } = {}): LogBook {
  const logs: LogLine[] = [];
  const changes = new EventEmitter();
  return {
    logs,
    add(line) {
      logs.push(line);
      changes.emit('change');
    },
    waitForLog: (description, match, timeoutMs = options.defaultTimeoutMs ?? 5000) =>
      until(() => logs.find(match), { description: `the log line: ${description}`, timeoutMs, changes }),
  };
}

/** A Logger that keeps every line (level, fields and message) for the test to read or wait for. */
export interface RecordingLogger extends Logger {
  readonly logs: LogLine[];
  waitForLog: LogBook['waitForLog'];
}

export function createRecordingLogger(): RecordingLogger {
  const { logs, add, waitForLog } = createLogBook();
  const record = (level: string) => (fields: object, msg?: string) => add({ level, ...fields, msg });
  return { logs, waitForLog, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}
