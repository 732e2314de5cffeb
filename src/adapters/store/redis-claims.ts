import { CLAIM_PREFIX } from '../../app/event-claims';
import type { Clock, EventClaims } from '../../app/ports';
import type { RedisStorage } from './redis-storage';

/*
 * The claim scripts: the same decisions as memory-claims.ts on the same stored strings (see app/event-claims.ts),
 * each one round trip. The clock is the caller's (ARGV), as in memory: replicas' clocks agree far closer than a
 * lease is long.
 */

/** KEYS: claim[, session]. ARGV: now, leaseMs, owner, keepMs. */
const CLAIM = `local v = redis.call('GET', KEYS[1])
local stepped = nil
if v then
  if v == 'd' then return {'done'} end
  local ok, c = pcall(cjson.decode, v)
  if ok and type(c) == 'table' and c[1] == 'p' then
    local left = tonumber(c[2]) - tonumber(ARGV[1])
    if left > 0 then return {'busy', tostring(left)} end
    stepped = c[4]
  end
end
local claim = {'p', tostring(tonumber(ARGV[1]) + tonumber(ARGV[2])), ARGV[3]}
if stepped then claim[4] = stepped end
redis.call('SET', KEYS[1], cjson.encode(claim), 'PX', ARGV[4])
if stepped then return {'replay', stepped} end
if KEYS[2] then return {'new', redis.call('GET', KEYS[2])} end
return {'new', false}`;

/** KEYS: claim, session. ARGV: owner, expected ('' none), next ('' deletes), session ttlMs, keepMs. */
const SAVE_STEPPED = `local v = redis.call('GET', KEYS[1])
if not v or v == 'd' then return -1 end
local ok, c = pcall(cjson.decode, v)
if not ok or type(c) ~= 'table' or c[3] ~= ARGV[1] then return -1 end
if (redis.call('GET', KEYS[2]) or '') ~= ARGV[2] then return 0 end
if ARGV[3] == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4]) end
c[4] = ARGV[2]
redis.call('SET', KEYS[1], cjson.encode(c), 'PX', ARGV[5])
return 1`;

/** KEYS: claim. ARGV: owner, 'done' or 'retry', keepMs. */
const SETTLE = `local v = redis.call('GET', KEYS[1])
if not v or v == 'd' then return 0 end
local ok, c = pcall(cjson.decode, v)
if not ok or type(c) ~= 'table' or c[3] ~= ARGV[1] then return 0 end
if ARGV[2] == 'done' then redis.call('SET', KEYS[1], 'd', 'PX', ARGV[3]) return 1 end
c[2] = '0'
redis.call('SET', KEYS[1], cjson.encode(c), 'PX', ARGV[3])
return 1`;

/** Event claims on the Redis the sessions live in, so a claim and a session change are one step. */
export function createRedisClaims(options: { redis: RedisStorage; clock: Clock; leaseMs: number; keepMs: number }): EventClaims {
  const { redis, clock } = options;
  const keepMs = String(options.keepMs);
  return {
    async claim(webhookEventId, owner, sessionKey) {
      const keys = [CLAIM_PREFIX + webhookEventId, ...(sessionKey === undefined ? [] : [sessionKey])];
      const reply = (await redis.script(CLAIM, keys, [String(clock.now()), String(options.leaseMs), owner, keepMs])) as (string | null)[];
      const [kind, value] = reply;
      switch (kind) {
        case 'done':
          return { kind: 'done' };
        case 'busy':
          return { kind: 'busy', leaseLeftMs: Number(value) };
        case 'replay':
          return { kind: 'replay', prior: value === '' || value == null ? undefined : value };
        default:
          return { kind: 'new', session: value ?? undefined };
      }
    },
    async saveStepped(webhookEventId, owner, session) {
      const reply = await redis.script(
        SAVE_STEPPED,
        [CLAIM_PREFIX + webhookEventId, session.key],
        [owner, session.expected ?? '', session.next ?? '', String(session.ttlMs), keepMs],
      );
      return reply === 1 ? 'saved' : reply === 0 ? 'conflict' : 'claim-lost';
    },
    async settle(webhookEventId, owner, how) {
      await redis.script(SETTLE, [CLAIM_PREFIX + webhookEventId], [owner, how, keepMs]);
    },
  };
}
