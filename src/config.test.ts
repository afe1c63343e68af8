import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to SQLite in the data directory', () => {
    const c = loadConfig({ PARLEY_DATA_DIR: '/tmp/parley-config-test', PARLEY_SECRET_KEY: 'x'.repeat(40) });
    expect(c.database).toEqual({ dialect: 'sqlite', file: '/tmp/parley-config-test/parley.db' });
    expect(c.port).toBe(3000);
    expect(c.services).toEqual(['web', 'worker', 'scheduler']);
  });

  it('switches to PostgreSQL with DATABASE_URL alone', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/parley', PARLEY_SECRET_KEY: 'x'.repeat(40) });
    expect(c.database).toEqual({ dialect: 'postgres', url: 'postgres://u@db:5432/parley' });
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
});
