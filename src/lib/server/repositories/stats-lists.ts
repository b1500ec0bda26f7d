// The rows behind a statistics figure, by id: only what identifies the work (no reporter, citizen,
// phone, address or free text), so a drill-down list carries no personal data.
import type { Db } from '../db/create-database';
import { withNames } from './cases';

export async function listCasesByIds(db: Db, ids: number[]) {
	if (!ids.length) return [];
	return withNames(db)
		.select([
			'cases.id',
			'cases.code',
			'cases.status',
			'cases.deadline_at',
			'categories.minor as category_name',
			'categories.variant as category_variant',
			'areas.name as area_name',
			'communities.name as community_name',
			'departments.name as department_name'
		])
		.where('cases.id', 'in', ids)
		.orderBy('cases.id')
		.execute();
}

export async function listOrdersByIds(db: Db, ids: number[]) {
	if (!ids.length) return [];
	return db
		.selectFrom('hotline_orders')
		.leftJoin('departments', 'departments.id', 'hotline_orders.department_id')
		.select([
			'hotline_orders.id',
			'hotline_orders.order_no',
			'hotline_orders.order_type',
			'hotline_orders.status',
			'hotline_orders.deadline_at',
			'hotline_orders.first_contact_due_at',
			'departments.name as department_name'
		])
		.where('hotline_orders.id', 'in', ids)
		.orderBy('hotline_orders.id')
		.execute();
}

export async function listEnforcementByIds(db: Db, ids: number[]) {
	if (!ids.length) return [];
	return db
		.selectFrom('enforcement_cases')
		.innerJoin('areas', 'areas.id', 'enforcement_cases.area_id')
		.innerJoin('communities', 'communities.id', 'enforcement_cases.community_id')
		.select([
			'enforcement_cases.id',
			'enforcement_cases.code',
			'enforcement_cases.status',
			'enforcement_cases.category_code',
			'enforcement_cases.created_at',
			'areas.name as area_name',
			'communities.name as community_name'
		])
		.where('enforcement_cases.id', 'in', ids)
		.orderBy('enforcement_cases.id')
		.execute();
}
