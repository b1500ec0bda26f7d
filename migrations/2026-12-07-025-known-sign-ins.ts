import type { Kysely } from 'kysely';

// Where each account has signed in from (issue 14, item 3): a hash of the client address, and of the
// browser's device cookie, with the last time. Someone guessing one account's password from many
// addresses at once closes that account to new places, but not to the owner's own browser or
// usual address (auth/throttle.ts). PostgreSQL's set runs the same with its instant type.

/** Creates the table with `instant` as the type of its time column ('integer' here, 'bigint' on PostgreSQL). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createKnownSignIns(db: Kysely<any>, instant: 'integer' | 'bigint'): Promise<void> {
	await db.schema
		.createTable('sign_in_known')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('marker', 'text', (c) => c.notNull())
		.addColumn('last_at', instant, (c) => c.notNull())
		.addPrimaryKeyConstraint('sign_in_known_pk', ['user_id', 'marker'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await createKnownSignIns(db, 'integer');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('sign_in_known').execute();
}
