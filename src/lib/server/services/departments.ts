// Departments (处置部门) kept by the admin: add, rename, retire and restore. A department is never
// deleted, because cases, orders and accounts keep naming it; a retired one is no longer offered
// for dispatch or for new handler accounts. Every change is audited.
import type { Db } from '../db/create-database';
import { auditedChange } from './audited-change';
import {
	countOpenWorkOf,
	findDepartment,
	insertDepartment,
	isDepartmentNameTaken,
	listDepartmentsWithWork,
	updateDepartment
} from '../repositories/departments';

export const DEPARTMENT_KINDS = [
	'enforcement',
	'sanitation',
	'housing',
	'greening',
	'community',
	'municipal',
	'other'
] as const;

export type DepartmentResult =
	{ ok: true; id: number } | { ok: false; field: 'name' | 'kind' | 'form'; code: string; count?: number };

function checkName(name: string): string | null {
	if (!name) return 'required';
	if (name.length > 30) return 'too_long';
	return null;
}

export const listDepartmentsForAdmin = (db: Db) => listDepartmentsWithWork(db);

export async function createDepartment(
	db: Db,
	adminId: number,
	name: string,
	kind: string,
	now: number
): Promise<DepartmentResult> {
	name = name.trim();
	const problem = checkName(name);
	if (problem) return { ok: false, field: 'name', code: problem };
	if (!(DEPARTMENT_KINDS as readonly string[]).includes(kind)) return { ok: false, field: 'kind', code: 'invalid' };
	if (await isDepartmentNameTaken(db, name, null)) return { ok: false, field: 'name', code: 'name_taken' };
	const id = await auditedChange(
		db,
		{ actorId: adminId, at: now },
		(trx) => insertDepartment(trx, name, kind),
		(id) => ({ action: 'department.create', target: `department:${id}`, detail: { name, kind } })
	);
	return { ok: true, id };
}

export async function renameDepartment(
	db: Db,
	adminId: number,
	id: number,
	name: string,
	now: number
): Promise<DepartmentResult> {
	name = name.trim();
	const before = await findDepartment(db, id);
	if (!before) return { ok: false, field: 'form', code: 'not_found' };
	const problem = checkName(name);
	if (problem) return { ok: false, field: 'name', code: problem };
	if (name === before.name) return { ok: true, id };
	if (await isDepartmentNameTaken(db, name, id)) return { ok: false, field: 'name', code: 'name_taken' };
	await auditedChange(
		db,
		{ actorId: adminId, at: now },
		(trx) => updateDepartment(trx, id, { name }),
		() => ({ action: 'department.rename', target: `department:${id}`, detail: { from: before.name, to: name } })
	);
	return { ok: true, id };
}

/** Retiring waits until no open case or 12345 order is with the department (they would be stranded). */
export async function setDepartmentActive(
	db: Db,
	adminId: number,
	id: number,
	active: boolean,
	now: number
): Promise<DepartmentResult> {
	const before = await findDepartment(db, id);
	if (!before) return { ok: false, field: 'form', code: 'not_found' };
	if (Boolean(before.active) === active) return { ok: true, id };
	if (!active) {
		const open = await countOpenWorkOf(db, id);
		if (open > 0) return { ok: false, field: 'form', code: 'department_has_open_work', count: open };
	}
	await auditedChange(
		db,
		{ actorId: adminId, at: now },
		(trx) => updateDepartment(trx, id, { active: active ? 1 : 0 }),
		() => ({
			action: active ? 'department.restore' : 'department.retire',
			target: `department:${id}`,
			detail: { name: before.name }
		})
	);
	return { ok: true, id };
}
