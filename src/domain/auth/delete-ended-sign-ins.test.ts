import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, signInAs, type World } from '../../../test/helpers/world.ts';
import { hitRateWindow } from './rate-limits.repo.ts';
import { deleteEndedSignIns } from './delete-ended-sign-ins.ts';

let t: TestRuntime;
let w: World;
beforeAll(async () => {
  t = await createTestRuntime();
  w = await buildWorld(t.rt);
});
afterAll(async () => t?.cleanup());

describe('deleteEndedSignIns', () => {
  it('deletes expired and long-revoked token families with their refresh tokens, and expired counters, in every tenant', async () => {
    const db = t.rt.db;
    const day = 24 * 3600_000;
    const now = new Date();
    const live = await signInAs(t.rt, w.agent.user);
    const expired = await signInAs(t.rt, w.otherAdmin.user);
    const revokedLongAgo = await signInAs(t.rt, w.customer.user);
    const revokedToday = await signInAs(t.rt, w.stranger.user);
    const sid = (pair: { access: string }) => JSON.parse(Buffer.from(pair.access.split('.')[1]!, 'base64url').toString()).sid as string;
    await db.updateTable('token_families').set({ expires_at: new Date(now.getTime() - 1000).toISOString() }).where('id', '=', sid(expired)).execute();
    await db.updateTable('token_families').set({ revoked_at: new Date(now.getTime() - 8 * day).toISOString(), revoked_reason: 'logout' }).where('id', '=', sid(revokedLongAgo)).execute();
    await db.updateTable('token_families').set({ revoked_at: new Date(now.getTime() - day).toISOString(), revoked_reason: 'logout' }).where('id', '=', sid(revokedToday)).execute();
    await hitRateWindow(db, 'gone', 1000, now.getTime() - 5000);
    await hitRateWindow(db, 'kept', 60_000, now.getTime());

    await deleteEndedSignIns(db, now);

    const families = (await db.selectFrom('token_families').select('id').where('id', 'in', [sid(live), sid(expired), sid(revokedLongAgo), sid(revokedToday)]).execute()).map((r) => r.id);
    expect(families.sort()).toEqual([sid(live), sid(revokedToday)].sort());
    const tokens = (await db.selectFrom('refresh_tokens').select('family_id').where('family_id', 'in', [sid(expired), sid(revokedLongAgo)]).execute());
    expect(tokens).toEqual([]);
    expect((await db.selectFrom('rate_limits').select('key').where('key', 'in', ['gone', 'kept']).execute()).map((r) => r.key)).toEqual(['kept']);
  });
});
