// Departments (处置部门) kept by the admin: add, rename, retire and restore. A department is never
// deleted, because cases, orders and accounts keep naming it; a retired one is no longer offered
// for dispatch or for new handler accounts. Every change is audited.
import { OPEN_STATUSES } from '$lib/domain/case-status';
import { OPEN_HOTLINE_STATUSES } from '$lib/domain/hotline-status';
import type { Db } from '../db/create-database';
import { appendAudit } from '../repositories/audit';

export const DEPARTMENT_KINDS = ['enforcement', 'sanitation', 'housing', 'greening', 'community', 'municipal', 'other'] as const;

export type DepartmentResult = { ok: true; id: number } | { ok: false; field: 'name' | 'kind' | 'form'; code: string; count?: number };

function checkName(name: string): string | null {
	if (!name) return 'required';
	if (name.length > 30) return 'too_long';
	return null;
}

async function nameTaken(db: Db, name: string, exceptId: number | null) {
	let q = db.selectFrom('departments').select('id').where('name', '=', name);
	if (exceptId !== null) q = q.where('id', '!=', exceptId);
	return (await q.executeTakeFirst()) !== undefined;
}

export async function listDepartmentsForAdmin(db: Db) {
	return db
		.selectFrom('departments')
		.select((eb) => [
			'departments.id',
			'departments.name',
			'departments.kind',
			'departments.active',
			eb.selectFrom('users').select(eb.fn.countAll<number>().as('n')).whereRef('users.department_id', '=', 'departments.id').where('users.active', '=', 1).as('people'),
			eb.selectFrom('cases').select(eb.fn.countAll<number>().as('n')).whereRef('cases.department_id', '=', 'departments.id').where('cases.status', 'in', OPEN_STATUSES).as('open_cases')
		])
		.orderBy('departments.id')
		.execute();
}

export async function createDepartment(db: Db, adminId: number, name: string, kind: string, now: number): Promise<DepartmentResult> {
	name = name.trim();
	const problem = checkName(name);
	if (problem) return { ok: false, field: 'name', code: problem };
	if (!(DEPARTMENT_KINDS as readonly string[]).includes(kind)) return { ok: false, field: 'kind', code: 'invalid' };
	if (await nameTaken(db, name, null)) return { ok: false, field: 'name', code: 'name_taken' };
	const id = await db.transaction().execute(async (trx) => {
		const { id } = await trx.insertInto('departments').values({ name, kind }).returning('id').executeTakeFirstOrThrow();
		await appendAudit(trx, { at: now, actorId: adminId, action: 'department.create', target: `department:${id}`, detail: { name, kind } });
		return id;
	});
	return { ok: true, id };
}

export async function renameDepartment(db: Db, adminId: number, id: number, name: string, now: number): Promise<DepartmentResult> {
	name = name.trim();
	const before = await db.selectFrom('departments').select(['name']).where('id', '=', id).executeTakeFirst();
	if (!before) return { ok: false, field: 'form', code: 'not_found' };
	const problem = checkName(name);
	if (problem) return { ok: false, field: 'name', code: problem };
	if (name === before.name) return { ok: true, id };
	if (await nameTaken(db, name, id)) return { ok: false, field: 'name', code: 'name_taken' };
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('departments').set({ name }).where('id', '=', id).execute();
		await appendAudit(trx, { at: now, actorId: adminId, action: 'department.rename', target: `department:${id}`, detail: { from: before.name, to: name } });
	});
	return { ok: true, id };
}

/** Retiring waits until no open case or 12345 order is with the department (they would be stranded). */
export async function setDepartmentActive(db: Db, adminId: number, id: number, active: boolean, now: number): Promise<DepartmentResult> {
	const before = await db.selectFrom('departments').select(['name', 'active']).where('id', '=', id).executeTakeFirst();
	if (!before) return { ok: false, field: 'form', code: 'not_found' };
	if (Boolean(before.active) === active) return { ok: true, id };
	if (!active) {
		const [cases, orders] = await Promise.all([
			db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('department_id', '=', id).where('status', 'in', OPEN_STATUSES).executeTakeFirstOrThrow(),
			db.selectFrom('hotline_orders').select((eb) => eb.fn.countAll<number>().as('n')).where('department_id', '=', id).where('status', 'in', OPEN_HOTLINE_STATUSES).executeTakeFirstOrThrow()
		]);
		const open = Number(cases.n) + Number(orders.n);
		if (open > 0) return { ok: false, field: 'form', code: 'department_has_open_work', count: open };
	}
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('departments').set({ active: active ? 1 : 0 }).where('id', '=', id).execute();
		await appendAudit(trx, { at: now, actorId: adminId, action: active ? 'department.restore' : 'department.retire', target: `department:${id}`, detail: { name: before.name } });
	});
	return { ok: true, id };
}
