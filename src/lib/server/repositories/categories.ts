// The category aggregate as the admin keeps it (all rows, retired ones too); the active list the
// rest of the app reads is reference.ts's listCategories.
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/create-database';
import type { CategoryTable } from '../db/schema';

/** Every category, active ones first, then by code. */
export const listAllCategories = (db: Db) =>
	db.selectFrom('categories').selectAll().orderBy('active', 'desc').orderBy('code').execute();

export const findCategoryRow = (db: Db, code: string) =>
	db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirst();

export async function insertCategory(db: Db, row: Insertable<CategoryTable>): Promise<void> {
	await db.insertInto('categories').values(row).execute();
}

export async function updateCategoryRow(db: Db, code: string, changes: Updateable<CategoryTable>): Promise<void> {
	await db.updateTable('categories').set(changes).where('code', '=', code).execute();
}

/** Cases of this category not yet closed or void (what a retirement leaves running). */
export async function countOpenCasesOf(db: Db, code: string): Promise<number> {
	const row = await db
		.selectFrom('cases')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('category_code', '=', code)
		.where('status', 'not in', ['closed', 'void'])
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
