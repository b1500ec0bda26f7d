import type { Kysely } from 'kysely';

// 高效处置 deadline of a grid case, fixed when its handling clock starts (like deadline_at), so a later
// edit of the category's limits changes new cases only. Existing rows stay null: nothing is backfilled.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('cases').addColumn('efficient_deadline_at', 'integer').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('cases').dropColumn('efficient_deadline_at').execute();
}
