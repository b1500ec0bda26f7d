import type { Kysely } from 'kysely';

// Accounts and departments kept by the admin (issue 6): a reset password must be changed at the next
// sign-in, and a department is retired (never deleted: cases and accounts still name it).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('departments').addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('departments').dropColumn('active').execute();
	await db.schema.alterTable('users').dropColumn('must_change_password').execute();
}
