// What the admin's account pages show: the list, one account with its history, and the scope choices
// (片区, 居民区, departments) an account form offers.
import { ROLES, type Role } from '$lib/domain/access';
import type { Db } from '../db/create-database';
import { listAreaNames, listCommunityNames, listDepartments } from '../repositories/reference';
import { getAccount, listAccounts } from '../repositories/users';
import { readAuditLog } from './audit-log';

async function scopeChoices(db: Db) {
	const [areas, communities, departments] = await Promise.all([
		listAreaNames(db),
		listCommunityNames(db),
		listDepartments(db)
	]);
	return { roles: ROLES, areas: [...areas], communities: [...communities], departments };
}

export interface AccountListFilters {
	role: Role | '';
	status: 'active' | 'disabled' | 'all';
	q: string;
}

export async function loadAccountList(db: Db, filters: AccountListFilters) {
	const [accounts, choices] = await Promise.all([
		listAccounts(db, {
			role: filters.role || undefined,
			active: filters.status === 'all' ? undefined : filters.status === 'active',
			q: filters.q || undefined
		}),
		scopeChoices(db)
	]);
	return { accounts, filters, ...choices };
}

/** One account with the audit entries about it; null when there is no such account. */
export async function loadAccountPage(db: Db, id: number) {
	const account = await getAccount(db, id);
	if (!account) return null;
	const [choices, history] = await Promise.all([scopeChoices(db), readAuditLog(db, { target: `user:${id}`, page: 1 })]);
	return { account, ...choices, history: history.rows, historyNames: history.names };
}
