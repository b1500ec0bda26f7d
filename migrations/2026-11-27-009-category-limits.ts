import { sql, type Kysely } from 'kysely';

// Category limits with effective times (issue 6 §4). A limit change applies to cases that take the
// category from its effective time on; a case keeps the limits it was filed (or re-categorised)
// under, so its deadlines and its place in the statistics never move when an admin edits a category.
// - category_limits: every version, the first one effective from the beginning (0);
// - cases.handle_* / efficient_*: the limits the case took, copied from the version in force then;
// - categories loses its own limit columns, so there is one truth for each question.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('category_limits')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
		.addColumn('effective_from', 'integer', (c) => c.notNull()) // ms UTC; 0 for the first version
		.addColumn('handle_value', 'real')
		.addColumn('handle_unit', 'text')
		.addColumn('efficient_value', 'real')
		.addColumn('efficient_unit', 'text')
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('users.id')) // null: the seed or a migration
		.addUniqueConstraint('category_limits_code_from', ['category_code', 'effective_from'])
		.execute();
	await sql`INSERT INTO category_limits (category_code, effective_from, handle_value, handle_unit, efficient_value, efficient_unit, created_at)
		SELECT code, 0, handle_value, handle_unit, efficient_value, efficient_unit, 0 FROM categories`.execute(db);

	for (const [name, type] of [['handle_value', 'real'], ['handle_unit', 'text'], ['efficient_value', 'real'], ['efficient_unit', 'text']] as const) {
		await db.schema.alterTable('cases').addColumn(name, type).execute();
	}
	await sql`UPDATE cases SET
		handle_value = (SELECT k.handle_value FROM categories k WHERE k.code = cases.category_code),
		handle_unit = (SELECT k.handle_unit FROM categories k WHERE k.code = cases.category_code),
		efficient_value = (SELECT k.efficient_value FROM categories k WHERE k.code = cases.category_code),
		efficient_unit = (SELECT k.efficient_unit FROM categories k WHERE k.code = cases.category_code)`.execute(db);
	for (const name of ['handle_value', 'handle_unit', 'efficient_value', 'efficient_unit']) {
		await db.schema.alterTable('categories').dropColumn(name).execute();
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const [name, type] of [['handle_value', 'real'], ['handle_unit', 'text'], ['efficient_value', 'real'], ['efficient_unit', 'text']] as const) {
		await db.schema.alterTable('categories').addColumn(name, type).execute();
	}
	await sql`UPDATE categories SET
		handle_value = (SELECT l.handle_value FROM category_limits l WHERE l.category_code = categories.code AND l.effective_from = 0),
		handle_unit = (SELECT l.handle_unit FROM category_limits l WHERE l.category_code = categories.code AND l.effective_from = 0),
		efficient_value = (SELECT l.efficient_value FROM category_limits l WHERE l.category_code = categories.code AND l.effective_from = 0),
		efficient_unit = (SELECT l.efficient_unit FROM category_limits l WHERE l.category_code = categories.code AND l.effective_from = 0)`.execute(db);
	for (const name of ['handle_value', 'handle_unit', 'efficient_value', 'efficient_unit']) await db.schema.alterTable('cases').dropColumn(name).execute();
	await db.schema.dropTable('category_limits').execute();
}
