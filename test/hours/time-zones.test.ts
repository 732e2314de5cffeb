import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from '../helpers/test-bot';

/**
 * The hours tables and the card snapshots again, in child processes whose TZ is UTC and New York: the answers must
 * be Japan's whatever the server's zone. (TZ is read when a process starts, so it takes a process of its own.)
 */
const run = promisify(execFile);
const SUITES = ['test/hours/openness.test.ts', 'test/hours/schedule-rules.test.ts', 'test/render-cards.test.ts'];

it.each(['UTC', 'America/New_York'])('gives the same answers with TZ=%s', async (zone) => {
  const env = { ...process.env, TZ: zone };
  const zoneSeen = await run(process.execPath, ['-e', 'console.log(Intl.DateTimeFormat().resolvedOptions().timeZone)'], { env });
  expect(zoneSeen.stdout.trim()).toBe(zone);
  const { stderr } = await run(process.execPath, [require.resolve('jest/bin/jest'), '--ci', ...SUITES], { cwd: ROOT, env });
  expect(stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
  expect(stderr).not.toMatch(/failed|skipped|obsolete/);
}, 60_000);
