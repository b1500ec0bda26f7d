import { sql, type Kysely } from 'kysely';

// A 12345 order keeps the 片区 it was received in, as a case does (issue 6 §3): with boundary
// versions a 居民区 can move to another 片区, and the orders already received there must not move
// with it (their statistics are closed). Filled from the 居民区's 片区 of today for the orders on file.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('hotline_orders').addColumn('area_id', 'integer', (c) => c.references('areas.id')).execute();
	await sql`UPDATE hotline_orders SET area_id = (SELECT c.area_id FROM communities c WHERE c.id = hotline_orders.community_id) WHERE community_id IS NOT NULL`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('hotline_orders').dropColumn('area_id').execute();
}
