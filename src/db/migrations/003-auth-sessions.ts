/**
 * Sign-in state: refresh token families (rotation, reuse detection, revocation) and shared rate-limit counters.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- filled in by the change that needs it
export async function up(db: Db, dialect: Dialect): Promise<void> {}
