import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to SQLite in the data directory', () => {
    const c = loadConfig({ PARLEY_DATA_DIR: '/tmp/parley-config-test', PARLEY_SECRET_KEY: 'x'.repeat(40) });
    expect(c.database).toMatchObject({ dialect: 'sqlite', file: '/tmp/parley-config-test/parley.db' });
    expect(c.port).toBe(3000);
    expect(c.services).toEqual(['web', 'worker', 'scheduler']);
  });

  it('switches to PostgreSQL with DATABASE_URL alone', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/parley', PARLEY_SECRET_KEY: 'x'.repeat(40) });
    expect(c.database).toMatchObject({ dialect: 'postgres', url: 'postgres://u@db:5432/parley' });
  });

  it('lists every bad value at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PARLEY_SERVICES: 'web,cron', PARLEY_SECRET_KEY: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const fields = (err as ConfigError).problems.map((p) => p.split(':')[0]).sort();
      expect(fields).toEqual(['DATABASE_URL', 'PARLEY_SECRET_KEY', 'PARLEY_SERVICES.1', 'PORT']);
    }
  });

  it('refuses to start in production without a real secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PARLEY_SECRET_KEY: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', PARLEY_SECRET_KEY: `change-me${'x'.repeat(40)}` })).toThrow(/default value/);
    expect(loadConfig({ NODE_ENV: 'production', PARLEY_SECRET_KEY: 'k'.repeat(48) }).env).toBe('production');
  });

  it('bounds every wait on the database by default, and takes each bound from the environment', () => {
    const c = loadConfig({ PARLEY_SECRET_KEY: 'x'.repeat(40) });
    expect(c.database.timeouts).toEqual({ connectMs: 5000, statementMs: 15_000, lockMs: 5000, idleInTransactionMs: 60_000, queryMs: 20_000, busyMs: 5000 });
    expect(c.deadlineMs).toBe(30_000);
    expect(c.readyzTimeoutMs).toBe(2000);
    const tuned = loadConfig({
      PARLEY_SECRET_KEY: 'x'.repeat(40), DATABASE_URL: 'postgres://u@db/parley',
      PARLEY_DB_CONNECT_TIMEOUT_MS: '1000', PARLEY_DB_STATEMENT_TIMEOUT_MS: '0', PARLEY_DB_LOCK_TIMEOUT_MS: '250',
      PARLEY_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '9000', PARLEY_DB_QUERY_TIMEOUT_MS: '7000', PARLEY_DB_BUSY_TIMEOUT_MS: '800',
      PARLEY_DEADLINE_MS: '4000', PARLEY_READYZ_TIMEOUT_MS: '500',
    });
    expect(tuned.database).toEqual({
      dialect: 'postgres', url: 'postgres://u@db/parley',
      timeouts: { connectMs: 1000, statementMs: 0, lockMs: 250, idleInTransactionMs: 9000, queryMs: 7000, busyMs: 800 },
    });
    expect([tuned.deadlineMs, tuned.readyzTimeoutMs]).toEqual([4000, 500]);
  });

  it('refuses negative or non-numeric timeouts, naming each', () => {
    try {
      loadConfig({ PARLEY_SECRET_KEY: 'x'.repeat(40), PARLEY_DB_LOCK_TIMEOUT_MS: '-1', PARLEY_DB_QUERY_TIMEOUT_MS: 'soon', PARLEY_DEADLINE_MS: '0' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['PARLEY_DB_LOCK_TIMEOUT_MS', 'PARLEY_DB_QUERY_TIMEOUT_MS', 'PARLEY_DEADLINE_MS']);
    }
  });
});
