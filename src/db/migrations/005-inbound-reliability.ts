/**
 * Inbound mail kept when not turned into a ticket (with its reason), and a content digest to deduplicate mail without a Message-ID.
 *
 * 1. `content_digest`: sha256 of the normalized sender, date, subject and body text of a
 *    message that has no Message-ID, so the same mail fetched again with one header more
 *    (a mailbox migration, a new UIDVALIDITY) is recognised. Indexed tenant first.
 * 2. `accepted_by`: the admin who had an ignored (automatic-looking) message turned into a
 *    ticket anyway; the pipeline then skips the automatic-mail verdict for it.
 * 3. An index on (tenant_id, dedupe_key): a reply looks up its parent's Message-ID among
 *    the stored messages of every mailbox, to wait while the parent is still unprocessed.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- same signature as every migration
export async function up(db: Db, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('inbound_messages').addColumn('content_digest', 'text').execute();
  await db.schema.alterTable('inbound_messages').addColumn('accepted_by', 'text').execute();
  await db.schema.createIndex('inbound_messages_digest_idx').on('inbound_messages').columns(['tenant_id', 'content_digest']).execute();
  await db.schema.createIndex('inbound_messages_key_idx').on('inbound_messages').columns(['tenant_id', 'dedupe_key']).execute();
}
