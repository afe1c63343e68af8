import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createUser } from './create-user.ts';
import { listUsers } from './users.repo.ts';

let t: TestRuntime;
beforeAll(async () => {
  t = await createTestRuntime();
  const ctx = t.rt.systemCtx(t.rt.defaultTenantId);
  await createUser(ctx, { email: 'ana_maria@example.com', name: 'Ana María', role: 'customer' });
  await createUser(ctx, { email: 'anaxmaria@example.com', name: '100% Ana', role: 'customer' });
});
afterAll(async () => t.cleanup());

describe('listUsers search', () => {
  it('treats % and _ in the search as themselves on both databases', async () => {
    const find = async (search: string) => (await listUsers(t.rt.db, t.rt.defaultTenantId, { search, limit: 10 })).map((u) => u.email);
    expect(await find('ana_maria')).toEqual(['ana_maria@example.com']);
    expect(await find('100%')).toEqual(['anaxmaria@example.com']);
    expect((await find('ANA')).length).toBe(2);
  });
});
