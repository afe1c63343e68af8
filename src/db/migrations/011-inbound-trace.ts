/**
 * The decision trace of each received message (issue 9): JSON of the steps' decisions
 * and their evidence (src/mail/inbound/trace.ts), written with the outcome and replaced
 * when the message is processed again. Null for mail processed before this migration.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- same signature as every migration
export async function up(db: Db, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('inbound_messages').addColumn('trace', 'text').execute();
}
