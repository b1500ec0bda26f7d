import { describe, expect, it } from 'vitest';
import { checkAccount, temporaryPassword, type AccountForm } from './account-input';

const choices = {
	areaIds: [2, 3],
	communities: [
		{ id: 1, areaId: 2 },
		{ id: 20, areaId: 3 }
	],
	departmentIds: [1, 2]
};
const form = (over: Partial<AccountForm>): AccountForm => ({
	username: 'zhang.san',
	displayName: '张三',
	role: 'dispatcher',
	areaId: null,
	communityId: null,
	departmentId: null,
	...over
});

describe('checkAccount', () => {
	it('keeps only the scope the role uses', () => {
		expect(checkAccount(form({ role: 'dispatcher', areaId: 2, departmentId: 1 }), choices)).toEqual({
			ok: true,
			value: {
				username: 'zhang.san',
				displayName: '张三',
				role: 'dispatcher',
				areaId: null,
				communityId: null,
				departmentId: null
			}
		});
		expect(checkAccount(form({ role: 'handler', departmentId: 2, areaId: 3 }), choices)).toMatchObject({
			ok: true,
			value: { departmentId: 2, areaId: null }
		});
	});

	it('takes a grid worker’s 片区 from the 居民区 when only that is given, and refuses a 居民区 outside the chosen 片区', () => {
		expect(checkAccount(form({ role: 'grid_worker', communityId: 20 }), choices)).toMatchObject({
			ok: true,
			value: { areaId: 3, communityId: 20 }
		});
		expect(checkAccount(form({ role: 'grid_worker', areaId: 2 }), choices)).toMatchObject({
			ok: true,
			value: { areaId: 2, communityId: null }
		});
		expect(checkAccount(form({ role: 'grid_worker', areaId: 2, communityId: 20 }), choices)).toEqual({
			ok: false,
			errors: { communityId: 'community_outside_area' }
		});
		expect(checkAccount(form({ role: 'grid_worker' }), choices)).toEqual({
			ok: false,
			errors: { areaId: 'scope_area_required' }
		});
		expect(checkAccount(form({ role: 'grid_worker', areaId: 9 }), choices)).toEqual({
			ok: false,
			errors: { areaId: 'invalid' }
		});
	});

	it('needs a department, still in service, for a handler', () => {
		expect(checkAccount(form({ role: 'handler' }), choices)).toEqual({
			ok: false,
			errors: { departmentId: 'scope_department_required' }
		});
		expect(checkAccount(form({ role: 'handler', departmentId: 7 }), choices)).toEqual({
			ok: false,
			errors: { departmentId: 'invalid' }
		});
	});

	it('names every wrong field at once', () => {
		expect(checkAccount(form({ username: '1ab', displayName: '  ', role: 'handler' }), choices)).toEqual({
			ok: false,
			errors: { username: 'username_format', displayName: 'required', departmentId: 'scope_department_required' }
		});
		expect(checkAccount(form({ role: 'root' }), choices)).toEqual({ ok: false, errors: { role: 'invalid' } });
		expect(checkAccount(form({ displayName: 'x'.repeat(41) }), choices)).toEqual({
			ok: false,
			errors: { displayName: 'too_long' }
		});
	});

	it('stores usernames in lower case', () => {
		expect(checkAccount(form({ username: '  Wang.Ge ' }), choices)).toMatchObject({
			ok: true,
			value: { username: 'wang.ge' }
		});
	});
});

describe('temporaryPassword', () => {
	it('is 12 characters from the unambiguous alphabet, skipping bytes that would bias it', () => {
		const bytes = new Uint8Array(64).map((_, i) => (i < 3 ? 255 : i));
		const p = temporaryPassword(bytes);
		expect(p).toHaveLength(12);
		expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]+$/);
		// 255 is past the last whole multiple of 55 (220) and is skipped: the password starts at byte 3.
		expect(p[0]).toBe('abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'[3]);
	});
	it('fails loudly rather than return a short password', () => {
		expect(() => temporaryPassword(new Uint8Array(20).fill(250))).toThrow('not enough random bytes');
	});
});
