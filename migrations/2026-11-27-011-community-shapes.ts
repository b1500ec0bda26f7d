import type { Kysely } from 'kysely';

// 居民区 outlines in a boundary version (issue 6 §3). Without them a 居民区 is only its marker and a
// point belongs to the nearest marker in its 片区; with them, the outline decides.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('community_shapes')
		.addColumn('version_id', 'integer', (c) => c.notNull().references('boundary_versions.id'))
		.addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
		.addColumn('geometry', 'text', (c) => c.notNull()) // GeoJSON MultiPolygon, WGS-84
		.addPrimaryKeyConstraint('community_shapes_pk', ['version_id', 'community_id'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('community_shapes').execute();
}
