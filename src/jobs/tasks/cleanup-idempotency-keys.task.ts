import type { Db } from '../../db/client.ts';
import { deleteOldIdempotencyKeys } from '../../domain/idempotency/idempotency.repo.ts';
import { defineTask } from '../define-task.ts';
import { slotPayload } from '../schedule.ts';

/** How long a client may retry a POST with the same Idempotency-Key and get the first answer. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000;

/** Forgets Idempotency-Key records older than a day (scheduled hourly). */
export const cleanupIdempotencyKeysTask = defineTask({
  name: 'cleanup.idempotency_keys',
  payload: slotPayload,
  async run(deps: { db: Db }) {
    await deleteOldIdempotencyKeys(deps.db, new Date(Date.now() - IDEMPOTENCY_KEY_TTL_MS).toISOString());
  },
});
