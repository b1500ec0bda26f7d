import { sql, type Kysely } from 'kysely';

// Road and 小区 names per 居民区 (issue 15): an imported 12345 order without a 居民区 or a point gets
// the 居民区 whose road or 小区 its address names. A name belongs to one 居民区. Seeded with each
// 居民区's own name, which is also the name of its 小区 in the demo geography (古美一村, 平吉三村, …);
// the admin adds roads and other 小区 at /admin/place-names. Databases made before get the names
// of the 居民区 they hold; a new database gets them from the seed, after its 居民区 exist.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('place_names')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('estate', 'road')`))
		.addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
		.addColumn('created_by', 'integer', (c) => c.references('users.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('place_names_community').on('place_names').column('community_id').execute();
	await sql`INSERT OR IGNORE INTO place_names (name, kind, community_id, created_by, created_at)
		SELECT name, 'estate', id, NULL, ${Date.now()} FROM communities ORDER BY id`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('place_names').execute();
}
