import { isRole, type Role } from './access';
// What an admin types for an account, checked before anything is written.
// Pure: the places and departments to check against are passed in.

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/;

export interface AccountForm {
	username: string;
	displayName: string;
	role: string;
	areaId: number | null;
	communityId: number | null;
	departmentId: number | null;
}

/** The account as stored: the scope columns that the role uses, the others cleared. */
export interface AccountValues {
	username: string;
	displayName: string;
	role: Role;
	areaId: number | null;
	communityId: number | null;
	departmentId: number | null;
}

export interface ScopeChoices {
	areaIds: readonly number[];
	communities: readonly { id: number; areaId: number }[];
	/** Departments that can still take people (retired ones cannot). */
	departmentIds: readonly number[];
}

export type AccountField = 'username' | 'displayName' | 'role' | 'areaId' | 'communityId' | 'departmentId';
export type AccountCheck =
	{ ok: true; value: AccountValues } | { ok: false; errors: Partial<Record<AccountField, string>> };

/**
 * Role decides the scope: a grid worker works a 片区 (and usually one 居民区 in it), a handler
 * belongs to a department, the others see by role alone and carry no scope.
 */
export function checkAccount(f: AccountForm, choices: ScopeChoices): AccountCheck {
	const errors: Partial<Record<AccountField, string>> = {};
	const username = f.username.trim().toLowerCase();
	const displayName = f.displayName.trim();
	if (!username) errors.username = 'required';
	else if (!USERNAME.test(username)) errors.username = 'username_format';
	if (!displayName) errors.displayName = 'required';
	else if (displayName.length > 40) errors.displayName = 'too_long';
	if (!isRole(f.role)) {
		errors.role = 'invalid';
		return { ok: false, errors };
	}
	let areaId: number | null = null;
	let communityId: number | null = null;
	let departmentId: number | null = null;
	if (f.role === 'grid_worker') {
		const community = f.communityId === null ? undefined : choices.communities.find((c) => c.id === f.communityId);
		if (f.communityId !== null && !community) errors.communityId = 'invalid';
		areaId = f.areaId ?? community?.areaId ?? null;
		if (areaId === null) errors.areaId = 'scope_area_required';
		else if (!choices.areaIds.includes(areaId)) errors.areaId = 'invalid';
		else if (community && community.areaId !== areaId) errors.communityId = 'community_outside_area';
		communityId = community?.id ?? null;
	} else if (f.role === 'handler') {
		if (f.departmentId === null) errors.departmentId = 'scope_department_required';
		else if (!choices.departmentIds.includes(f.departmentId)) errors.departmentId = 'invalid';
		departmentId = f.departmentId;
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, value: { username, displayName, role: f.role, areaId, communityId, departmentId } };
}

/** Letters and digits that cannot be mistaken for one another when read aloud or off a screen. */
const TEMP_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A temporary password from `random` bytes (pass crypto.getRandomValues' output): 12 characters. */
export function temporaryPassword(random: Uint8Array): string {
	let s = '';
	for (const b of random) {
		// Rejection sampling keeps every character equally likely (256 is not a multiple of 55).
		if (b >= TEMP_ALPHABET.length * Math.floor(256 / TEMP_ALPHABET.length)) continue;
		s += TEMP_ALPHABET[b % TEMP_ALPHABET.length];
		if (s.length === 12) return s;
	}
	throw new Error('not enough random bytes');
}
