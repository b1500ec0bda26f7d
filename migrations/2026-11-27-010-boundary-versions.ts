import { sql, type Kysely } from 'kysely';

// Boundary versions (issue 6 §3). A 片区 keeps one identity (areas.id, which cases and statistics
// name) while its outline is redrawn: each published version holds the outlines of every 片区 in
// force from its effective date (and the subdistrict's), until the next version starts.
// The first version is the outlines already on file; areas loses its own geometry and dates.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('boundary_versions')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('effective_from', 'text', (c) => c.notNull().unique()) // YYYY-MM-DD, Asia/Shanghai
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('users.id')) // null: the seed or a migration
		.execute();
	await db.schema
		.createTable('area_shapes')
		.addColumn('version_id', 'integer', (c) => c.notNull().references('boundary_versions.id'))
		.addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
		.addColumn('geometry', 'text', (c) => c.notNull()) // GeoJSON Polygon or MultiPolygon, WGS-84
		.addPrimaryKeyConstraint('area_shapes_pk', ['version_id', 'area_id'])
		.execute();
	const first = await sql<{ d: string | null }>`SELECT MIN(effective_from) AS d FROM areas`.execute(db);
	const from = first.rows[0]?.d;
	if (from) {
		await sql`INSERT INTO boundary_versions (effective_from, note, created_at) VALUES (${from}, '初始边界（演示数据）', 0)`.execute(db);
		await sql`INSERT INTO area_shapes (version_id, area_id, geometry) SELECT (SELECT id FROM boundary_versions), id, geometry FROM areas WHERE effective_to IS NULL`.execute(db);
	}
	for (const column of ['geometry', 'effective_from', 'effective_to']) await db.schema.alterTable('areas').dropColumn(column).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('areas').addColumn('geometry', 'text', (c) => c.notNull().defaultTo('{}')).execute();
	await db.schema.alterTable('areas').addColumn('effective_from', 'text', (c) => c.notNull().defaultTo('2023-01-01')).execute();
	await db.schema.alterTable('areas').addColumn('effective_to', 'text').execute();
	await sql`UPDATE areas SET geometry = COALESCE((SELECT s.geometry FROM area_shapes s WHERE s.area_id = areas.id ORDER BY s.version_id DESC LIMIT 1), '{}')`.execute(db);
	await db.schema.dropTable('area_shapes').execute();
	await db.schema.dropTable('boundary_versions').execute();
}
