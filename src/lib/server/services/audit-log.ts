// The audit log as a person reads it: the ids and codes an entry recorded are resolved to names
// when it is read (the entry itself keeps the ids: it is sealed and never rewritten).
import type { Db } from '../db/create-database';
import {
	AUDIT_PAGE_SIZE,
	auditChoices,
	auditNames,
	listAudit,
	type AuditFilters,
	type AuditRefs
} from '../repositories/audit';

/** Detail keys that hold a reference, and the kind they refer to. */
export const AUDIT_REF_KEYS: Record<string, keyof AuditRefs> = {
	areaId: 'area',
	communityId: 'community',
	departmentId: 'department',
	userId: 'user',
	categoryCode: 'category'
};
const TARGET_KINDS: Record<string, keyof AuditRefs> = {
	user: 'user',
	department: 'department',
	category: 'category',
	area: 'area',
	community: 'community'
};

function collect(refs: AuditRefs, kind: keyof AuditRefs, v: unknown) {
	if (v && typeof v === 'object' && 'from' in v && 'to' in v) {
		collect(refs, kind, (v as { from: unknown }).from);
		collect(refs, kind, (v as { to: unknown }).to);
	} else if (kind === 'category' && typeof v === 'string' && v) refs.category.add(v);
	else if (kind !== 'category' && typeof v === 'number' && Number.isInteger(v)) refs[kind].add(v);
}

/** The references of some entries (their detail and their target). */
export function auditRefs(rows: { target: string; detail: Record<string, unknown> }[]): AuditRefs {
	const refs: AuditRefs = {
		area: new Set(),
		community: new Set(),
		department: new Set(),
		user: new Set(),
		category: new Set()
	};
	for (const r of rows) {
		for (const [k, v] of Object.entries(r.detail)) if (AUDIT_REF_KEYS[k]) collect(refs, AUDIT_REF_KEYS[k], v);
		const [kind, id] = [r.target.slice(0, r.target.indexOf(':')), r.target.slice(r.target.indexOf(':') + 1)];
		const refKind = TARGET_KINDS[kind];
		if (refKind) collect(refs, refKind, refKind === 'category' ? id : /^\d+$/.test(id) ? Number(id) : null);
	}
	return refs;
}

/** A page of the log with the names of everything its entries refer to ('area:4' → '古美一片区'). */
export async function readAuditLog(db: Db, f: AuditFilters) {
	const result = await listAudit(db, f);
	return { ...result, names: await auditNames(db, auditRefs(result.rows)) };
}

/** The audit page: one page of the log, the choices of its filters, and how many pages there are. */
export async function readAuditPage(db: Db, f: AuditFilters) {
	const [result, choices] = await Promise.all([readAuditLog(db, f), auditChoices(db)]);
	return { ...result, choices, pageCount: Math.max(1, Math.ceil(result.total / AUDIT_PAGE_SIZE)) };
}
