import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, type CaseAction } from '../case-status';
import {
	can,
	CAPABILITIES,
	isRole,
	roleMay,
	ROLES,
	viewScope,
	type Actor,
	type CaseScope,
	type Capability,
	type Role
} from '.';

type CaseCap = CaseAction | 'report' | 'self_handle' | 'view_personal_data';
const ALL_CAPABILITIES: readonly CaseCap[] = [...CASE_ACTIONS, 'report', 'self_handle', 'view_personal_data'];
const canView = (who: Actor, c: CaseScope) => can(who, 'case.view', c);
const canAct = (who: Actor, a: CaseAction, c: CaseScope) => can(who, `case.${a}`, c);

/** The case table written out by hand: what each role may do at all. Everything else is denied. */
const EXPECTED: Record<Role, readonly CaseCap[]> = {
	grid_worker: ['report', 'self_handle', 'check_pass', 'check_fail'],
	handler: ['sign', 'feedback', 'request_return', 'request_extension'],
	dispatcher: [
		'report',
		'accept',
		'void',
		'register',
		'dispatch',
		'approve_return',
		'reject_return',
		'approve_extension',
		'reject_extension',
		'park',
		'unpark',
		'close',
		'view_personal_data'
	],
	enforcer: [],
	leader: ['supervise'],
	admin: []
};

import { actor, admin, dispatcher, enforcer, gridWorker, handler, leader } from './test-actors';

const kase = (over: Partial<CaseScope> = {}): CaseScope => ({
	areaId: 1,
	communityId: 11,
	departmentId: 5,
	handlerId: 201,
	reporterId: 101,
	categoryTrack: 'grid',
	...over
});

describe('the case table: role × capability', () => {
	it('covers exactly the six roles', () => {
		expect([...ROLES].sort()).toEqual(Object.keys(EXPECTED).sort());
	});

	const MATRIX = ROLES.flatMap((role) =>
		ALL_CAPABILITIES.map((cap) => [role, cap, EXPECTED[role].includes(cap)] as const)
	);
	it.each(MATRIX)('%s / %s → %s', (role, cap, allowed) => {
		expect(roleMay(role, `case.${cap}`)).toBe(allowed);
		expect(can(actor(role), `case.${cap}`)).toBe(allowed);
	});

	// With a case squarely inside each actor's own scope, canAct follows the table for every case action.
	const ownCase: Record<Role, [Actor, CaseScope]> = {
		grid_worker: [gridWorker, kase()],
		handler: [handler, kase()],
		dispatcher: [dispatcher, kase()],
		enforcer: [enforcer, kase({ categoryTrack: 'enforcement-eligible' })],
		leader: [leader, kase()],
		admin: [admin, kase()]
	};
	const ACT_MATRIX = ROLES.flatMap((role) => CASE_ACTIONS.map((a) => [role, a, EXPECTED[role].includes(a)] as const));
	it.each(ACT_MATRIX)('canAct %s / %s on an in-scope case → %s', (role, action, allowed) => {
		const [who, c] = ownCase[role];
		// An enforcer sees no grid case at all: their cases live in the enforcement track.
		expect(canView(who, c)).toBe(role !== 'enforcer');
		expect(canAct(who, action, c)).toBe(allowed);
	});
});

describe('view scope', () => {
	it.each([
		['grid_worker', gridWorker, { kind: 'area', areaId: 1, userId: 100 }],
		['handler', handler, { kind: 'department', departmentId: 5, userId: 200 }],
		['dispatcher', dispatcher, { kind: 'all' }],
		['enforcer', enforcer, { kind: 'none' }],
		['leader', leader, { kind: 'all' }],
		['admin', admin, { kind: 'all' }],
		['grid_worker without an area', actor('grid_worker', { communityId: 11 }), { kind: 'none' }],
		['handler without a department', actor('handler'), { kind: 'none' }]
	] as const)('%s', (_label, who, scope) => {
		expect(viewScope(who)).toEqual(scope);
	});

	const VIEW: ReadonlyArray<readonly [string, Actor, CaseScope, boolean]> = [
		['grid worker: own 片区, own 居民区', gridWorker, kase(), true],
		['grid worker: own 片区, other 居民区', gridWorker, kase({ communityId: 12 }), true],
		['grid worker: other 片区', gridWorker, kase({ areaId: 2, communityId: 21 }), false],
		[
			'grid worker: other 片区, handled by them but reported by someone else',
			gridWorker,
			kase({ areaId: 2, communityId: 21, handlerId: 100 }),
			false
		],
		[
			'grid worker: other 片区 but reported by them (own reports stay visible)',
			gridWorker,
			kase({ areaId: 2, communityId: 21, reporterId: 100 }),
			true
		],
		[
			'grid worker with no area: own report',
			actor('grid_worker', { communityId: 11 }),
			kase({ reporterId: 100 }),
			false
		],
		['grid worker with no area: any case', actor('grid_worker', { communityId: 11 }), kase(), false],
		['handler: own department', handler, kase(), true],
		['handler: other department', handler, kase({ departmentId: 6 }), false],
		['handler: undispatched case', handler, kase({ departmentId: null, handlerId: null }), false],
		[
			'handler: a case they handled, since moved to another department',
			handler,
			kase({ departmentId: 6, handlerId: 200 }),
			true
		],
		['handler with no department: any case', actor('handler'), kase({ departmentId: null, handlerId: null }), false],
		[
			'enforcer: enforcement-eligible grid case (enforcement cases are their own track)',
			enforcer,
			kase({ categoryTrack: 'enforcement-eligible' }),
			false
		],
		['enforcer: grid track', enforcer, kase(), false],
		['enforcer: 12345 track', enforcer, kase({ categoryTrack: '12345' }), false],
		['dispatcher: any case', dispatcher, kase({ areaId: 3, communityId: 31, departmentId: null }), true],
		['leader: any case', leader, kase({ areaId: 2 }), true],
		['admin: any case', admin, kase({ areaId: 2 }), true]
	];
	it.each(VIEW)('canView %s → %s', (_label, who, c, expected) => {
		expect(canView(who, c)).toBe(expected);
	});
});

describe('acting in scope', () => {
	const ACT: ReadonlyArray<readonly [string, Actor, CaseAction, CaseScope, boolean]> = [
		// 核查: a worker of that 居民区 who did not handle it.
		['grid worker checks a case of own 居民区', gridWorker, 'check_pass', kase(), true],
		['grid worker fails a case of own 居民区', gridWorker, 'check_fail', kase(), true],
		['grid worker checks a case with no handler recorded', gridWorker, 'check_pass', kase({ handlerId: null }), true],
		[
			'grid worker checks a case they reported (someone else handled it)',
			gridWorker,
			'check_pass',
			kase({ reporterId: 100 }),
			true
		],
		['grid worker checks own handling', gridWorker, 'check_pass', kase({ handlerId: 100 }), false],
		['grid worker fails own handling', gridWorker, 'check_fail', kase({ handlerId: 100 }), false],
		['grid worker checks another 居民区 in own 片区', gridWorker, 'check_pass', kase({ communityId: 12 }), false],
		['grid worker checks another 片区', gridWorker, 'check_pass', kase({ areaId: 2, communityId: 21 }), false],
		['grid worker with no 居民区', actor('grid_worker', { areaId: 1 }), 'check_pass', kase(), false],
		['grid worker with no area', actor('grid_worker', { communityId: 11 }), 'check_pass', kase(), false],
		[
			'grid worker checks own report filed in another 片区',
			gridWorker,
			'check_pass',
			kase({ areaId: 2, communityId: 21, reporterId: 100 }),
			false
		],
		['grid worker signs', gridWorker, 'sign', kase(), false],
		['grid worker closes', gridWorker, 'close', kase(), false],
		// Handler: only the own department's cases.
		['handler signs own department', handler, 'sign', kase(), true],
		['handler feeds back own department', handler, 'feedback', kase(), true],
		['handler requests 回退 own department', handler, 'request_return', kase(), true],
		['handler requests 延期 own department', handler, 'request_extension', kase(), true],
		['handler signs another department', handler, 'sign', kase({ departmentId: 6 }), false],
		[
			'handler feeds back a case they once handled, now another department',
			handler,
			'feedback',
			kase({ departmentId: 6, handlerId: 200 }),
			false
		],
		['handler signs an undispatched case', handler, 'sign', kase({ departmentId: null }), false],
		['handler with no department', actor('handler'), 'sign', kase({ departmentId: null }), false],
		['handler approves own 延期', handler, 'approve_extension', kase(), false],
		['handler checks', handler, 'check_pass', kase(), false],
		// Dispatcher, leader, admin, enforcer.
		['dispatcher dispatches anywhere', dispatcher, 'dispatch', kase({ areaId: 3, departmentId: null }), true],
		['dispatcher approves 回退', dispatcher, 'approve_return', kase({ departmentId: 6 }), true],
		['dispatcher signs', dispatcher, 'sign', kase(), false],
		['dispatcher checks', dispatcher, 'check_pass', kase(), false],
		['dispatcher 督办', dispatcher, 'supervise', kase(), false],
		['leader 督办 anywhere', leader, 'supervise', kase({ areaId: 2, departmentId: 6 }), true],
		['leader closes', leader, 'close', kase(), false],
		['admin voids', admin, 'void', kase(), false],
		['admin 督办', admin, 'supervise', kase(), false],
		['enforcer on an enforcement case', enforcer, 'close', kase({ categoryTrack: 'enforcement-eligible' }), false],
		['enforcer 督办 an enforcement case', enforcer, 'supervise', kase({ categoryTrack: 'enforcement-eligible' }), false]
	];
	it.each(ACT)('%s → %s', (_label, who, action, c, expected) => {
		expect(canAct(who, action, c)).toBe(expected);
	});
});

describe('deny by default', () => {
	it('an unknown capability is denied to every role', () => {
		for (const role of ROLES) {
			for (const cap of ['case.delete', 'delete', 'hotline.', 'nothing.view', 'case.constructor', 'case.__proto__'])
				expect(can(actor(role), cap as Capability)).toBe(false);
			expect(canAct(actor(role, { areaId: 1, communityId: 11, departmentId: 5 }), 'delete' as CaseAction, kase())).toBe(
				false
			);
		}
	});

	/** Whether a call grants access: a thrown error is not a grant. */
	const grants = (f: () => unknown): boolean => {
		try {
			return f() === true;
		} catch {
			return false;
		}
	};
	it.each(['guest', 'superuser', '', 'constructor', 'toString', '__proto__'])(
		'an unknown role %j is never granted anything',
		(role) => {
			const who = actor(role as Role, { areaId: 1, communityId: 11, departmentId: 5 });
			expect(isRole(role)).toBe(false);
			expect(grants(() => canView(who, kase()))).toBe(false);
			for (const cap of CAPABILITIES) expect(grants(() => can(who, cap))).toBe(false);
			for (const action of CASE_ACTIONS) expect(grants(() => canAct(who, action, kase()))).toBe(false);
		}
	);

	it('signed out is denied everything', () => {
		for (const cap of CAPABILITIES) expect(can(null, cap)).toBe(false);
	});

	it('isRole accepts exactly the six roles', () => {
		for (const role of ROLES) expect(isRole(role)).toBe(true);
		expect(isRole('Dispatcher')).toBe(false);
	});
});
