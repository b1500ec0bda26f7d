import { describe, expect, it } from 'vitest';
import {
	alertTrackFilter,
	can,
	CAPABILITIES,
	orderDepartmentFilter,
	ROLES,
	scopeOf,
	TABLES,
	type Capability,
	type Role
} from '.';
import { actor, admin, dispatcher, enforcer, handler, leader } from './test-actors';

/** The other tracks, written out: which role holds what (the scope is tested below). Everything else is denied. */
const EXPECTED_OTHER: Record<Role, readonly Capability[]> = {
	dispatcher: [
		...(
			[
				'view',
				'import',
				'create',
				'export',
				'assign',
				'approve_return',
				'reject_return',
				'approve_extension',
				'reject_extension',
				'evaluate',
				'link_case',
				'set_community',
				'personal_data',
				'search_personal_data'
			] as const
		).map((c) => `hotline.${c}` as const),
		'alerts.review',
		'enforcement.view',
		'enforcement.open',
		'enforcement.view_shops',
		'stats.view',
		'stats.board',
		'stats.export'
	],
	handler: [
		...(
			[
				'view',
				'sign',
				'first_contact',
				'reply',
				'request_return',
				'request_extension',
				'personal_data',
				'search_personal_data'
			] as const
		).map((c) => `hotline.${c}` as const)
	],
	leader: [
		'hotline.view',
		'hotline.export',
		'hotline.supervise',
		'enforcement.view',
		'enforcement.view_shops',
		'stats.view',
		'stats.board',
		'stats.export'
	],
	admin: ['hotline.view', 'enforcement.view', 'stats.view', 'stats.export', 'admin.manage'],
	enforcer: [
		'alerts.review',
		...(
			[
				'view',
				'open',
				'view_shops',
				'manage_shops',
				'personal_data',
				'link_shop',
				'notify',
				'recheck',
				'register',
				'confirm_party',
				'issue_notice',
				'record_statement',
				'lapse_statement',
				'decide',
				'record_payment',
				'close',
				'cancel'
			] as const
		).map((c) => `enforcement.${c}` as const)
	],
	grid_worker: []
};

describe('every table: role × capability', () => {
	const OTHER = CAPABILITIES.filter((c) => !c.startsWith('case.') && !c.startsWith('account.'));
	const MATRIX = ROLES.flatMap((role) => OTHER.map((cap) => [role, cap, EXPECTED_OTHER[role].includes(cap)] as const));
	it.each(MATRIX)('%s / %s → %s', (role, cap, allowed) => {
		expect(can(actor(role), cap)).toBe(allowed);
	});

	it('lists every capability of every table once', () => {
		const count = Object.values(TABLES).reduce((n, t) => n + Object.keys(t).length, 0);
		expect(new Set(CAPABILITIES).size).toBe(count);
		for (const role of ROLES) for (const cap of EXPECTED_OTHER[role]) expect(CAPABILITIES).toContain(cap);
	});

	it.each(ROLES)('%s may use the app (account, help, outbox)', (role) => {
		expect(can(actor(role), 'account.use_app')).toBe(true);
	});
});

describe('scopes outside the case track', () => {
	const otherHandler = actor('handler', { id: 201, departmentId: 6 });
	it.each([
		['handler: order of own department', handler, 'hotline.view', { departmentId: 5 }, true],
		['handler: order of another department', otherHandler, 'hotline.view', { departmentId: 5 }, false],
		['handler: unassigned order', handler, 'hotline.view', { departmentId: null }, false],
		['handler without department: unassigned order', actor('handler'), 'hotline.view', { departmentId: null }, false],
		['handler replies own department', handler, 'hotline.reply', { departmentId: 5 }, true],
		['handler replies another department', otherHandler, 'hotline.reply', { departmentId: 5 }, false],
		['handler sees the caller of own department', handler, 'hotline.personal_data', { departmentId: 5 }, true],
		[
			'handler sees the caller of another department',
			otherHandler,
			'hotline.personal_data',
			{ departmentId: 5 },
			false
		],
		['dispatcher sees any caller', dispatcher, 'hotline.personal_data', { departmentId: null }, true],
		['leader sees no caller', leader, 'hotline.personal_data', { departmentId: 5 }, false],
		['leader sees any order', leader, 'hotline.view', { departmentId: 6 }, true],
		['admin sees any order', admin, 'hotline.view', { departmentId: null }, true]
	] as const)('%s → %s', (_label, who, cap, order, expected) => {
		expect(can(who, cap, order)).toBe(expected);
	});

	it.each([
		['dispatcher', dispatcher, 'enforcement-eligible', true],
		['dispatcher', dispatcher, 'grid', true],
		['enforcer', enforcer, 'enforcement-eligible', true],
		['enforcer', enforcer, 'grid', false],
		['enforcer', enforcer, '', false],
		['leader', leader, 'enforcement-eligible', false]
	] as const)('alerts.review: %s on a %j alert → %s', (_label, who, track, expected) => {
		expect(can(who, 'alerts.review', { track })).toBe(expected);
	});

	it('list filters follow the rows', () => {
		expect(orderDepartmentFilter(handler)).toBe(5);
		expect(orderDepartmentFilter(actor('handler'))).toBe(-1);
		for (const who of [dispatcher, leader, admin]) expect(orderDepartmentFilter(who)).toBeNull();
		expect(alertTrackFilter(enforcer)).toBe('enforcement-eligible');
		expect(alertTrackFilter(dispatcher)).toBeUndefined();
		expect(scopeOf('enforcer', 'case.view')).toBeNull();
	});
});
