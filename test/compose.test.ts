import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../src/config';
import { ROOT } from './helpers/test-bot';

interface ComposeService {
  readonly environment?: Record<string, string>;
  readonly ports?: readonly string[];
  readonly command?: readonly string[];
}

/** No Docker engine in CI: check what compose.yaml promises instead (two replicas, one Redis, valid settings). */
describe('compose.yaml', () => {
  const compose = parse(readFileSync(path.join(ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
  const bots = Object.entries(compose.services).filter(([name]) => name.startsWith('bot-'));

  it('runs two bot replicas on one Redis, each on its own host port, with a configuration the bot accepts', () => {
    expect(bots).toHaveLength(2);
    expect(compose.services.redis?.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'volatile-lru']));
    const urls = bots.map(([, bot]) => bot.environment?.REDIS_URL);
    expect(new Set(urls)).toEqual(new Set(['redis://redis:6379/0']));
    expect(new Set(bots.map(([, bot]) => bot.ports?.[0])).size).toBe(2);
    for (const [, bot] of bots) {
      const config = loadConfig({ ...bot.environment, LINE_CHANNEL_SECRET: 'x', LINE_CHANNEL_ACCESS_TOKEN: 'y' });
      expect(config.redisUrl).toBe('redis://redis:6379/0');
    }
  });
});
