// Accounts kept by the admin: create, change role and scope, disable (never delete),
// reset a password; and a user's own password change. Every change is audited in its own transaction.
import {
	checkAccount,
	temporaryPassword,
	type AccountCheck,
	type AccountForm,
	type ScopeChoices
} from '$lib/domain/account-input';
import { checkNewPassword } from '$lib/domain/password-policy';
import { hashPassword, verifyPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import type { Db } from '../db/create-database';
import { auditedChange } from './audited-change';
import { listAreaNames, listCommunityNames, listDepartments } from '../repositories/reference';
import {
	countActiveAdmins,
	deleteOtherSessions,
	findCredentials,
	findUserByUsername,
	getAccount,
	insertUser,
	updateUser
} from '../repositories/users';

export type AccountResult<T = object> = ({ ok: true } & T) | { ok: false; errors: Record<string, string> };

export async function scopeChoices(db: Db): Promise<ScopeChoices> {
	const [areas, communities, departments] = await Promise.all([
		listAreaNames(db),
		listCommunityNames(db),
		listDepartments(db)
	]);
	return {
		areaIds: areas.map((a) => a.id),
		communities: communities.map((c) => ({ id: c.id, areaId: c.area_id })),
		departmentIds: departments.map((d) => d.id)
	};
}

/**
 * Demoting or disabling an admin counts the active admins in the transaction that writes, and that
 * transaction runs serializable: two admins taking each other's rights at once (several app servers
 * on PostgreSQL) cannot both see the other still there; one is run again and refused.
 */
const LAST_ADMIN_CHECK = { serializable: true } as const;

const failed = (c: AccountCheck & { ok: false }): AccountResult<never> => ({ ok: false, errors: c.errors });
const newTemporaryPassword = () => temporaryPassword(crypto.getRandomValues(new Uint8Array(64)));

/** A new account with a temporary password (shown once), to be changed at the first sign-in. */
export async function createAccount(
	db: Db,
	adminId: number,
	form: AccountForm,
	now: number
): Promise<AccountResult<{ id: number; password: string }>> {
	const check = checkAccount(form, await scopeChoices(db));
	if (!check.ok) return failed(check);
	const v = check.value;
	if (await findUserByUsername(db, v.username)) return { ok: false, errors: { username: 'username_taken' } };
	const password = newTemporaryPassword();
	const passwordHash = await hashPassword(password);
	const id = await auditedChange(
		db,
		{ actorId: adminId, at: now },
		async (trx) => {
			const id = await insertUser(trx, { ...v, passwordHash }, now);
			await updateUser(trx, id, { must_change_password: 1 });
			return id;
		},
		(id) => ({ action: 'user.create', target: `user:${id}`, detail: { ...v } })
	);
	return { ok: true, id, password };
}

/** Display name, role and scope; the username stays. A change of role or scope signs the user out. */
export async function updateAccount(
	db: Db,
	adminId: number,
	id: number,
	form: Omit<AccountForm, 'username'>,
	now: number
): Promise<AccountResult> {
	const before = await getAccount(db, id);
	if (!before) return { ok: false, errors: { form: 'not_found' } };
	const check = checkAccount({ ...form, username: before.username }, await scopeChoices(db));
	if (!check.ok) return failed(check);
	const v = check.value;
	const demotesAdmin = before.role === 'admin' && v.role !== 'admin' && Boolean(before.active);
	const from = {
		displayName: before.display_name,
		role: before.role,
		areaId: before.area_id,
		communityId: before.community_id,
		departmentId: before.department_id
	};
	const to = {
		displayName: v.displayName,
		role: v.role,
		areaId: v.areaId,
		communityId: v.communityId,
		departmentId: v.departmentId
	};
	const changed = (Object.keys(to) as (keyof typeof to)[]).filter((k) => from[k] !== to[k]);
	if (!changed.length) return { ok: true };
	const detail = Object.fromEntries(changed.map((k) => [k, { from: from[k], to: to[k] }]));
	const done = await auditedChange(
		db,
		{ actorId: adminId, at: now },
		async (trx) => {
			if (demotesAdmin && (await countActiveAdmins(trx)) <= 1) return false;
			await updateUser(trx, id, {
				display_name: v.displayName,
				role: v.role,
				area_id: v.areaId,
				community_id: v.communityId,
				department_id: v.departmentId
			});
			// What the user may see changed: the next request signs in again with the new rights.
			if (changed.some((k) => k !== 'displayName')) await invalidateUserSessions(trx, id);
			return true;
		},
		(done) => (done ? { action: 'user.update', target: `user:${id}`, detail } : null),
		LAST_ADMIN_CHECK
	);
	return done ? { ok: true } : { ok: false, errors: { role: 'last_admin' } };
}

/** Disable (sessions end at once) or enable again; an admin cannot disable themself or the last admin. */
export async function setAccountActive(
	db: Db,
	adminId: number,
	id: number,
	active: boolean,
	now: number
): Promise<AccountResult> {
	const before = await getAccount(db, id);
	if (!before) return { ok: false, errors: { form: 'not_found' } };
	if (!active && id === adminId) return { ok: false, errors: { form: 'self_disable' } };
	if (Boolean(before.active) === active) return { ok: true };
	const disablesAdmin = !active && before.role === 'admin';
	const done = await auditedChange(
		db,
		{ actorId: adminId, at: now },
		async (trx) => {
			if (disablesAdmin && (await countActiveAdmins(trx)) <= 1) return false;
			await updateUser(trx, id, { active: active ? 1 : 0 });
			if (!active) await invalidateUserSessions(trx, id);
			return true;
		},
		(done) =>
			done
				? {
						action: active ? 'user.enable' : 'user.disable',
						target: `user:${id}`,
						detail: { username: before.username }
					}
				: null,
		LAST_ADMIN_CHECK
	);
	return done ? { ok: true } : { ok: false, errors: { form: 'last_admin' } };
}

/** A new temporary password (shown once to the admin); the user's sessions end and must change it. */
export async function resetPassword(
	db: Db,
	adminId: number,
	id: number,
	now: number
): Promise<AccountResult<{ password: string }>> {
	const before = await getAccount(db, id);
	if (!before) return { ok: false, errors: { form: 'not_found' } };
	const password = newTemporaryPassword();
	const passwordHash = await hashPassword(password);
	await auditedChange(
		db,
		{ actorId: adminId, at: now },
		async (trx) => {
			await updateUser(trx, id, { password_hash: passwordHash, must_change_password: 1 });
			await invalidateUserSessions(trx, id);
		},
		() => ({ action: 'user.reset_password', target: `user:${id}`, detail: { username: before.username } })
	);
	return { ok: true, password };
}

/** The signed-in user's own change: the current password proves it is them; other sessions end. */
export async function changeOwnPassword(
	db: Db,
	userId: number,
	keepSessionId: string,
	input: { current: string; password: string; confirm: string },
	now: number
): Promise<AccountResult> {
	const user = await findCredentials(db, userId);
	if (!user) return { ok: false, errors: { form: 'not_found' } };
	if (!(await verifyPassword(user.password_hash, input.current)))
		return { ok: false, errors: { current: 'wrong_password' } };
	const problem = checkNewPassword(input.password, input.confirm, user.username);
	if (problem) return { ok: false, errors: { password: problem } };
	if (input.password === input.current) return { ok: false, errors: { password: 'password_unchanged' } };
	const passwordHash = await hashPassword(input.password);
	await auditedChange(
		db,
		{ actorId: userId, at: now },
		async (trx) => {
			await updateUser(trx, userId, { password_hash: passwordHash, must_change_password: 0 });
			await deleteOtherSessions(trx, userId, keepSessionId);
		},
		() => ({ action: 'user.change_password', target: `user:${userId}`, detail: {} })
	);
	return { ok: true };
}
