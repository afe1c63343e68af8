/**
 * Queue addresses owned by one tenant across the install, operator-verified tenant domains, and search documents that know who may read them.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- filled in by the change that needs it
export async function up(db: Db, dialect: Dialect): Promise<void> {}
