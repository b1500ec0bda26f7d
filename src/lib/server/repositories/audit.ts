// The admin's audit log (migration 007): append, and browse with filters, newest first.
import type { Db } from '../db/create-database';
import { insertSealed } from './sealed';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntry {
	at: number;
	actorId: number | null;
	action: string;
	target: string;
	detail: Record<string, unknown>;
}

/** Call inside the transaction of the change it records. */
export async function appendAudit(db: Db, e: AuditEntry): Promise<void> {
	const row = { at: e.at, actor_id: e.actorId, action: e.action, target: e.target, detail: JSON.stringify(e.detail) };
	await insertSealed(db, 'audit_log', [row]);
}

export interface AuditFilters {
	action?: string;
	/** One thing's history, e.g. user:12 */
	target?: string;
	actorId?: number;
	/** [fromMs, toMs) */
	fromMs?: number;
	toMs?: number;
	page: number;
}

export async function listAudit(db: Db, f: AuditFilters) {
	let q = db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.actor_id');
	if (f.action) q = q.where('audit_log.action', '=', f.action);
	if (f.target) q = q.where('audit_log.target', '=', f.target);
	if (f.actorId) q = q.where('audit_log.actor_id', '=', f.actorId);
	if (f.fromMs !== undefined) q = q.where('audit_log.at', '>=', f.fromMs);
	if (f.toMs !== undefined) q = q.where('audit_log.at', '<', f.toMs);
	const [rows, total] = await Promise.all([
		q
			.select([
				'audit_log.id',
				'audit_log.at',
				'audit_log.action',
				'audit_log.target',
				'audit_log.detail',
				'users.display_name as actor_name',
				'users.username as actor_username'
			])
			.orderBy('audit_log.at', 'desc')
			.orderBy('audit_log.id', 'desc')
			.limit(AUDIT_PAGE_SIZE)
			.offset((f.page - 1) * AUDIT_PAGE_SIZE)
			.execute(),
		q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return {
		rows: rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> })),
		total: Number(total.n)
	};
}

/** The actions and the people that appear in the log (the filter's choices). */
export async function auditChoices(db: Db) {
	const [actions, actors] = await Promise.all([
		db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
		db
			.selectFrom('audit_log')
			.innerJoin('users', 'users.id', 'audit_log.actor_id')
			.select(['users.id', 'users.display_name'])
			.distinct()
			.orderBy('users.id')
			.execute()
	]);
	return { actions: actions.map((a) => a.action), actors };
}

/** Ids and codes an audit entry refers to, by kind. */
export interface AuditRefs {
	area: Set<number>;
	community: Set<number>;
	department: Set<number>;
	user: Set<number>;
	category: Set<string>;
}

/** Names for the referred things, keyed 'kind:id' (e.g. 'area:4', 'category:SH-XQGL-02'). A thing since removed has no name. */
export async function auditNames(db: Db, refs: AuditRefs): Promise<Record<string, string>> {
	const ids = (s: Set<number>) => [...s];
	const [areas, communities, departments, users, categories] = await Promise.all([
		refs.area.size ? db.selectFrom('areas').select(['id', 'name']).where('id', 'in', ids(refs.area)).execute() : [],
		refs.community.size
			? db.selectFrom('communities').select(['id', 'name']).where('id', 'in', ids(refs.community)).execute()
			: [],
		refs.department.size
			? db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids(refs.department)).execute()
			: [],
		refs.user.size
			? db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', ids(refs.user)).execute()
			: [],
		refs.category.size
			? db
					.selectFrom('categories')
					.select(['code as id', 'minor as name', 'variant'])
					.where('code', 'in', [...refs.category])
					.execute()
			: []
	]);
	const out: Record<string, string> = {};
	for (const r of areas) out[`area:${r.id}`] = r.name;
	for (const r of communities) out[`community:${r.id}`] = r.name;
	for (const r of departments) out[`department:${r.id}`] = r.name;
	for (const r of users) out[`user:${r.id}`] = r.name;
	for (const r of categories) out[`category:${r.id}`] = r.variant ? `${r.name}（${r.variant}）` : r.name;
	return out;
}
