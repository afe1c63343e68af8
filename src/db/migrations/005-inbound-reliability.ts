/**
 * Inbound mail kept when not turned into a ticket (with its reason), and a content digest to deduplicate mail without a Message-ID.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- filled in by the change that needs it
export async function up(db: Db, dialect: Dialect): Promise<void> {}
