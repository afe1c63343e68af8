/** What a backup records about its database, read the same way on both engines. */
export interface DatabaseFacts {
  migration: string;
  migrations: number;
  counts: { tenants: number; tickets: number; messages: number; attachments: number };
}

/** One query's first row; the engines differ only in how they run it. */
export type QueryOne = (text: string) => Promise<Record<string, unknown>>;

/** Counts the rows a restore must find again, and the migration level. */
export async function readDatabaseFacts(one: QueryOne): Promise<DatabaseFacts> {
  const count = async (table: string) => Number((await one(`select count(*) as n from ${table}`)).n);
  const last = await one('select max(name) as name, count(*) as n from kysely_migration');
  return {
    migration: String(last.name ?? ''),
    migrations: Number(last.n),
    counts: { tenants: await count('tenants'), tickets: await count('tickets'), messages: await count('messages'), attachments: await count('attachments') },
  };
}
