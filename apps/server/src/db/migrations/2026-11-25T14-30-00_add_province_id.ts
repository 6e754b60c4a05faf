// Every org-scoped row knows its province-level root (the first id of its path): the distribution key of a sharded
// national deployment (docs/SCALING.md). Generated from the path, so moves and transfers keep it right for free.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const TABLES = [
  ['orgs', 'path'],
  ['members', 'org_path'],
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not the app's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const [table, column] of TABLES) {
    if (pg) {
      await sql`alter table ${sql.table(table)} add column province_id bigint
        generated always as (nullif(split_part(${sql.ref(column)}, '/', 2), '')::bigint) stored`.execute(db);
    } else {
      await sql`alter table ${sql.table(table)} add column province_id integer
        generated always as (cast(substr(${sql.ref(column)}, 2, instr(substr(${sql.ref(column)}, 2), '/') - 1) as integer)) virtual`.execute(
        db,
      );
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [table] of TABLES) await db.schema.alterTable(table).dropColumn('province_id').execute();
}
