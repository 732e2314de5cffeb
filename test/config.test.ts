import { ConfigError, loadConfig } from '../src/config';

const LINE = { LINE_CHANNEL_SECRET: 's3cr3t-value', LINE_CHANNEL_ACCESS_TOKEN: 't0ken-value' };

describe('loadConfig', () => {
  it('reads a full LINE configuration with defaults', () => {
    expect(loadConfig(LINE)).toEqual({
      line: {
        channelSecret: 's3cr3t-value',
        channelAccessToken: 't0ken-value',
        apiBaseUrl: 'https://api.line.me',
        apiDataBaseUrl: 'https://api-data.line.me',
      },
      lineApi: { callTimeoutMs: 5_000, replyDeadlineMs: 20_000, maxConnections: 50 },
      http: { headersTimeoutSeconds: 10, requestTimeoutSeconds: 30, maxConnections: 800 },
      eventsPeakPerSecond: 20,
      host: undefined,
      port: 3000,
      publicBaseUrl: undefined,
      sessionTtlMinutes: 30,
      sessionMaxCount: 200_000,
      redisUrl: undefined,
      logLevel: 'info',
      maxEventsInFlight: 5000,
      preview: false,
      shutdownGraceMs: 30_000,
    });
  });

  it('runs the preview alone when there are no LINE credentials, outside production or when asked', () => {
    expect(loadConfig({})).toMatchObject({ line: undefined, preview: true });
    expect(loadConfig({ NODE_ENV: '' })).toMatchObject({ line: undefined, preview: true });
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({ line: undefined, preview: true });
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ line: undefined, preview: true });
    expect(loadConfig({ NODE_ENV: 'production', PREVIEW: '1' })).toMatchObject({ line: undefined, preview: true });
    expect(loadConfig({ ...LINE, PREVIEW: '1' })).toMatchObject({ preview: true });
    expect(loadConfig({ ...LINE, NODE_ENV: 'production' })).toMatchObject({ preview: false });
  });

  it.each([
    ['an IPv4 address', '127.0.0.1'],
    ['an IPv6 address', '::1'],
    ['a host name', 'localhost'],
  ])('listens on HOST when it is %s', (_name, host) => {
    expect(loadConfig({ ...LINE, HOST: host }).host).toBe(host);
  });

  it('keeps sessions in Redis when REDIS_URL is set', () => {
    expect(loadConfig({ ...LINE, REDIS_URL: 'redis://:pw@redis:6379/0' }).redisUrl).toBe('redis://:pw@redis:6379/0');
    expect(loadConfig({ ...LINE, REDIS_URL: 'rediss://redis.example.jp:6380' }).redisUrl).toBe('rediss://redis.example.jp:6380');
    expect(loadConfig({ ...LINE, REDIS_URL: '' }).redisUrl).toBeUndefined();
  });

  it('trims a trailing slash from URLs', () => {
    const config = loadConfig({ ...LINE, LINE_API_BASE_URL: 'http://127.0.0.1:9999/', PUBLIC_BASE_URL: 'https://bot.example.jp/' });
    expect(config.line?.apiBaseUrl).toBe('http://127.0.0.1:9999');
    expect(config.publicBaseUrl).toBe('https://bot.example.jp');
  });

  it.each<[Record<string, string>, string[]]>([
    [{ LINE_CHANNEL_SECRET: 'x' }, ['LINE_CHANNEL_ACCESS_TOKEN: required when LINE_CHANNEL_SECRET is set']],
    [{ LINE_CHANNEL_ACCESS_TOKEN: 'x' }, ['LINE_CHANNEL_SECRET: required when LINE_CHANNEL_ACCESS_TOKEN is set']],
    [{ ...LINE, PORT: 'eighty' }, ['PORT:']],
    [{ ...LINE, PORT: '70000' }, ['PORT:']],
    [{ ...LINE, PORT: ' ' }, ['PORT: must be a whole number']],
    [{ ...LINE, PORT: '1e3' }, ['PORT: must be a whole number']],
    [{ ...LINE, PORT: '0x50' }, ['PORT: must be a whole number']],
    [{ ...LINE, HOST: 'not a host!' }, ['HOST: must be an IP address or a host name']],
    [{ NODE_ENV: 'production' }, ['LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN: required when NODE_ENV=production']],
    [{ NODE_ENV: 'production', PREVIEW: '0' }, ['LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN: required when NODE_ENV=production']],
    // Any other NODE_ENV is a deployment: without credentials it fails closed, whatever its spelling.
    ...['prod', 'Production', 'PRODUCTION', 'staging', ' production'].map((NODE_ENV): [Record<string, string>, string[]] => [
      { NODE_ENV },
      [`LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN: required when NODE_ENV=${NODE_ENV} (only NODE_ENV unset`],
    ]),
    [{ ...LINE, HTTP_HEADERS_TIMEOUT_SECONDS: '40', HTTP_REQUEST_TIMEOUT_SECONDS: '30' }, ['HTTP_HEADERS_TIMEOUT_SECONDS: must not exceed']],
    [{ ...LINE, HTTP_HEADERS_TIMEOUT_SECONDS: '0' }, ['HTTP_HEADERS_TIMEOUT_SECONDS:']],
    [{ ...LINE, HTTP_MAX_CONNECTIONS: '10k' }, ['HTTP_MAX_CONNECTIONS: must be a whole number']],
    [{ PREVIEW: '0' }, ['PREVIEW: 0 without LINE credentials leaves nothing to serve']],
    [{ ...LINE, LINE_API_TIMEOUT_MS: '9000', LINE_REPLY_DEADLINE_MS: '8000' }, ['LINE_API_TIMEOUT_MS: must not exceed LINE_REPLY_DEADLINE_MS']],
    [{ ...LINE, SHUTDOWN_GRACE_MS: '20000' }, ['SHUTDOWN_GRACE_MS: must exceed LINE_REPLY_DEADLINE_MS + LINE_API_TIMEOUT_MS']],
    // A reply's last call may start at the 20 s deadline and take its 5 s: 24 s of grace could cut it off.
    [{ ...LINE, SHUTDOWN_GRACE_MS: '24000' }, ['SHUTDOWN_GRACE_MS: must exceed LINE_REPLY_DEADLINE_MS + LINE_API_TIMEOUT_MS']],
    [{ ...LINE, LINE_API_MAX_CONNECTIONS: '0' }, ['LINE_API_MAX_CONNECTIONS:']],
    [{ ...LINE, PUBLIC_BASE_URL: 'http://bot.example.jp' }, ['PUBLIC_BASE_URL: must be an https:// URL']],
    [{ ...LINE, LINE_API_BASE_URL: 'ftp://x' }, ['LINE_API_BASE_URL: must be an http(s) URL']],
    [{ ...LINE, SESSION_TTL_MINUTES: '0' }, ['SESSION_TTL_MINUTES:']],
    [{ ...LINE, LOG_LEVEL: 'loud' }, ['LOG_LEVEL:']],
    [{ ...LINE, PREVIEW: 'yes' }, ['PREVIEW:']],
    [{ ...LINE, REDIS_URL: 'http://redis:6379' }, ['REDIS_URL: must be a redis:// or rediss:// URL']],
    [{ ...LINE, REDIS_URL: 'redis://:s3cr3t-value@bad host:6379' }, ['REDIS_URL: must be a redis:// or rediss:// URL']],
    [
      { LINE_CHANNEL_SECRET: 's3cr3t-value', PORT: '-1', SESSION_TTL_MINUTES: 'abc' },
      ['PORT:', 'SESSION_TTL_MINUTES:', 'LINE_CHANNEL_ACCESS_TOKEN: required'],
    ],
  ])('%j is refused, naming every problem', (env, expected) => {
    const error = (() => {
      try {
        loadConfig(env);
      } catch (caught) {
        return caught;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problems[i]).toContain(start));
    expect(message).not.toContain('s3cr3t-value');
  });
});
