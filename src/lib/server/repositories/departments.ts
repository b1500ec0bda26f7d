// Departments (处置部门) as the admin keeps them; the list offered for dispatch is reference.ts's listDepartments.
import { OPEN_STATUSES } from '$lib/domain/case-status';
import { OPEN_HOTLINE_STATUSES } from '$lib/domain/hotline-status';
import type { Db } from '../db/create-database';

/** Another department already has this name (`exceptId`: the one being renamed). */
export async function isDepartmentNameTaken(db: Db, name: string, exceptId: number | null): Promise<boolean> {
	let q = db.selectFrom('departments').select('id').where('name', '=', name);
	if (exceptId !== null) q = q.where('id', '!=', exceptId);
	return (await q.executeTakeFirst()) !== undefined;
}

/** Every department, with its active people and its open cases. */
export async function listDepartmentsWithWork(db: Db) {
	return db
		.selectFrom('departments')
		.select((eb) => [
			'departments.id',
			'departments.name',
			'departments.kind',
			'departments.active',
			eb
				.selectFrom('users')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('users.department_id', '=', 'departments.id')
				.where('users.active', '=', 1)
				.as('people'),
			eb
				.selectFrom('cases')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('cases.department_id', '=', 'departments.id')
				.where('cases.status', 'in', OPEN_STATUSES)
				.as('open_cases')
		])
		.orderBy('departments.id')
		.execute();
}

export const findDepartment = (db: Db, id: number) =>
	db.selectFrom('departments').select(['name', 'active']).where('id', '=', id).executeTakeFirst();

export async function insertDepartment(db: Db, name: string, kind: string): Promise<number> {
	return (await db.insertInto('departments').values({ name, kind }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateDepartment(db: Db, id: number, changes: { name?: string; active?: number }): Promise<void> {
	await db.updateTable('departments').set(changes).where('id', '=', id).execute();
}

/** Open cases and open 12345 orders with the department (what retiring it would strand). */
export async function countOpenWorkOf(db: Db, departmentId: number): Promise<number> {
	const [cases, orders] = await Promise.all([
		db
			.selectFrom('cases')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('department_id', '=', departmentId)
			.where('status', 'in', OPEN_STATUSES)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('hotline_orders')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('department_id', '=', departmentId)
			.where('status', 'in', OPEN_HOTLINE_STATUSES)
			.executeTakeFirstOrThrow()
	]);
	return Number(cases.n) + Number(orders.n);
}
