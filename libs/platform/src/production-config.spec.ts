import { ConfigError } from './env-reader';
import { loadProductionConfig, selectedProfile } from './production-config';

const SECRET = 'x'.repeat(32);
const FULL = {
  EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false',
  MONGO_URL: 'mongodb://127.0.0.1:27017',
  KAFKA_BROKERS: '127.0.0.1:9092,kafka-2:9092',
  TOKEN_SECRET: SECRET,
  LOOKUP_SECRET: SECRET,
};

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('production configuration', () => {
  it('reads every engine of the API, with defaults for the rest', () => {
    const config = loadProductionConfig('api', FULL);
    expect(config).toMatchObject({
      port: 3000,
      eventStoreUrl: FULL.EVENTSTORE_URL,
      mongoUrl: FULL.MONGO_URL,
      mongoDatabase: 'bansos',
      tokenSecret: SECRET,
      lookupSecret: SECRET,
      sla: { slaDays: 7, atRiskHours: 48 },
    });
  });

  it('gives each process a port of its own by default', () => {
    expect(loadProductionConfig('projector', FULL).port).toBe(3001);
    expect(loadProductionConfig('relay', FULL).port).toBe(3002);
    expect(loadProductionConfig('sla-monitor', FULL).port).toBe(3003);
  });

  it('names every missing setting of a process at once, and only its own', () => {
    expect(problemsOf(() => loadProductionConfig('api', {}))).toEqual([
      'EVENTSTORE_URL is required (for example esdb://127.0.0.1:2113?tls=false)',
      'MONGO_URL is required (for example mongodb://127.0.0.1:27017)',
      'TOKEN_SECRET is required: a random string of at least 32 characters',
      'LOOKUP_SECRET is required: a random string of at least 32 characters',
    ]);
    expect(problemsOf(() => loadProductionConfig('relay', {}))).toEqual([
      'EVENTSTORE_URL is required (for example esdb://127.0.0.1:2113?tls=false)',
      'MONGO_URL is required (for example mongodb://127.0.0.1:27017)',
      'KAFKA_BROKERS is required (for example 127.0.0.1:9092)',
    ]);
  });

  it('says what is wrong with a value without echoing secrets', () => {
    const problems = problemsOf(() =>
      loadProductionConfig('sla-monitor', {
        ...FULL,
        EVENTSTORE_URL: 'http://127.0.0.1:2113',
        MONGO_URL: 'not a url',
        KAFKA_BROKERS: '127.0.0.1',
        SLA_DAYS: 'seven',
        PORT: '70000',
      }),
    );
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "70000")',
      expect.stringMatching(/^EVENTSTORE_URL must be a URL starting with esdb:\/\//),
      expect.stringMatching(/^MONGO_URL must be a URL starting with mongodb:\/\//),
      'KAFKA_BROKERS must list host:port addresses separated by commas (got "127.0.0.1")',
      'SLA_DAYS must be a whole number from 1 to 365 (got "seven")',
    ]);
    expect(problemsOf(() => loadProductionConfig('api', { ...FULL, TOKEN_SECRET: 'short-secret' }))).toEqual([
      'TOKEN_SECRET must be at least 32 characters long',
    ]);
  });

  it('keeps the embedded default unless PROFILE says production', () => {
    expect(selectedProfile({})).toBe('embedded');
    expect(selectedProfile({ PROFILE: 'production' })).toBe('production');
    expect(problemsOf(() => selectedProfile({ PROFILE: 'cloud' }))).toEqual([
      'PROFILE must be one of embedded, production (got "cloud")',
    ]);
  });
});
