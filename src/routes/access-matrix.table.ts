// The route × role matrix's table: what each route file under src/routes must answer, for every role and signed
// out. Each expectation comes from `can()` over the capability tables (src/lib/domain/access), so a change to a
// table changes the expectation. access-matrix.test.ts runs every handler against it.
//
// Outcomes: 'login' (303 to /login), 'unauthorized' (401), 'forbidden' (403, thrown or answered),
// 'ok' (anything else: data, a 4xx about the input, a 404, a redirect elsewhere).
import { can, type Actor, type Capability, type CaseScope, type ResourceOf } from '$lib/domain/access';
import { ENFORCEMENT_ACTIONS } from '$lib/domain/enforcement-status';
import { HOTLINE_ACTIONS } from '$lib/domain/hotline-status';
import { countPlan } from '$lib/domain/work-counts';

export type Outcome = 'login' | 'unauthorized' | 'forbidden' | 'ok';
/** Who may: a capability (with the seeded item it is judged on), or a rule over `can()`. */
type Rule = Capability | { cap: Capability; resource: () => ResourceOf<Capability> } | ((actor: Actor) => boolean);
export interface Guard {
	/** public: anyone; api_key: a session is not enough (401 without a key); to_login: everyone is sent to the login page. */
	rule: Rule | 'public' | 'api_key' | 'to_login';
	/** What a signed-out request gets: the login redirect for pages, 401 for JSON endpoints. */
	signedOut?: Outcome;
}
export interface RouteSpec {
	params?: () => Record<string, string>;
	load?: Guard;
	/** Every action of the page; `actions` overrides one by name. */
	action?: Guard;
	actions?: Record<string, Guard>;
	handler?: Guard;
}

/** The seeded items the routes with an id are called on, and judged on. */
export interface Seeded {
	caseId: number;
	caseScope: CaseScope;
	orderId: number;
	orderDept: number | null;
	alertId: number;
	alertTrack: string;
	enforcementId: number;
	shopId: number;
	photoId: string;
	frameId: string;
	orderFileId: string;
}

const g = (rule: Guard['rule'], signedOut?: Outcome): Guard => ({ rule, signedOut });
const ANYONE = g('account.use_app');
const ADMIN = g('admin.manage');
const anyOf =
	(...caps: Capability[]) =>
	(a: Actor) =>
		caps.some((c) => can(a, c));
const allOf =
	(...caps: Capability[]) =>
	(a: Actor) =>
		caps.every((c) => can(a, c));
const admin = (params?: () => Record<string, string>): RouteSpec => ({ params, load: ADMIN, action: ADMIN });

/**
 * What every route file must answer, keyed by its path under src/routes. `seeded()` gives the items the routes with
 * an id are called on; it is read only when a route is run, after the database is seeded.
 */
export function routeTable(seeded: () => Seeded): Record<string, RouteSpec> {
	const ROUTES: Record<string, RouteSpec> = {
		'+page.server.ts': { load: ANYONE },
		'login/+page.server.ts': { load: g('public'), action: g('public') },
		'logout/+page.server.ts': { load: g('public'), action: g('to_login') },
		'locale/+page.server.ts': { load: g('public'), action: g('public') },
		'api/v1/alerts/+server.ts': { handler: g('api_key', 'unauthorized') },
		'api/v1/hotline/orders/+server.ts': { handler: g('api_key', 'unauthorized') },
		'api/v1/stats/+server.ts': { handler: g('stats.view', 'unauthorized') },
		'field/submit/+server.ts': { handler: g('account.use_app', 'unauthorized') },
		'(app)/+layout.server.ts': { load: ANYONE },
		'(app)/account/password/+page.server.ts': { load: ANYONE, action: ANYONE },
		'(app)/help/+page.server.ts': { load: ANYONE },
		'(app)/outbox/+page.server.ts': { load: ANYONE },
		'(app)/tasks/+page.server.ts': { load: ANYONE },
		'(app)/cases/+page.server.ts': { load: ANYONE },
		// The header's counts: only a role with a work list of its own has any (a rule of the work, not of access).
		'(app)/counts/+server.ts': { handler: g((a) => countPlan(a.role) !== null, 'unauthorized') },
		'(app)/map/+page.server.ts': { load: g(anyOf('case.view', 'enforcement.view')) },
		'(app)/map/points/+server.ts': { handler: g(anyOf('case.view', 'enforcement.view'), 'unauthorized') },
		'(app)/admin/+page.server.ts': admin(),
		'(app)/admin/api-keys/+page.server.ts': admin(),
		'(app)/admin/audit/+page.server.ts': admin(),
		'(app)/admin/boundaries/+page.server.ts': admin(),
		'(app)/admin/calendar/+page.server.ts': admin(),
		'(app)/admin/cameras/+page.server.ts': admin(),
		'(app)/admin/categories/+page.server.ts': admin(),
		'(app)/admin/categories/[code]/+page.server.ts': admin(() => ({ code: 'SH-JMZX-01' })),
		'(app)/admin/departments/+page.server.ts': admin(),
		'(app)/admin/documents/+page.server.ts': admin(),
		'(app)/admin/imports/+page.server.ts': admin(),
		'(app)/admin/map/+page.server.ts': admin(),
		'(app)/admin/place-names/+page.server.ts': admin(),
		'(app)/admin/users/+page.server.ts': admin(),
		'(app)/admin/users/[id=id]/+page.server.ts': admin(() => ({ id: '1' })),
		'(app)/alerts/+page.server.ts': { load: g('alerts.review') },
		'(app)/alerts/[id=id]/+page.server.ts': {
			params: () => ({ id: String(seeded().alertId) }),
			load: g({ cap: 'alerts.review', resource: () => ({ track: seeded().alertTrack }) }),
			action: g('alerts.review')
		},
		'(app)/board/+page.server.ts': { load: g('stats.board') },
		'(app)/stats/+page.server.ts': { load: g('stats.view') },
		'(app)/stats/cases/+page.server.ts': { load: g('stats.view') },
		'(app)/stats/export/+server.ts': { handler: g('stats.export') },
		'stats-report/+page.server.ts': { load: g('stats.view') },
		'(app)/cases/new/+page.server.ts': { load: g('case.report'), action: g('case.report') },
		// Each verb is judged on the case in the service (case-actions.test.ts); the route asks for a session.
		'(app)/cases/[id=id]/+page.server.ts': {
			params: () => ({ id: String(seeded().caseId) }),
			load: g({ cap: 'case.view', resource: () => seeded().caseScope }),
			action: ANYONE
		},
		'photos/[id]/[size=photosize]/+server.ts': {
			params: () => ({ id: seeded().photoId, size: 'thumb' }),
			handler: g({ cap: 'case.view', resource: () => seeded().caseScope })
		},
		'(app)/hotline/+page.server.ts': { load: g('hotline.view') },
		'(app)/hotline/new/+page.server.ts': { load: g('hotline.create'), action: g('hotline.create') },
		'(app)/hotline/import/+page.server.ts': { load: g('hotline.import'), action: g('hotline.import') },
		'(app)/hotline/import/template/+server.ts': { handler: g('hotline.import') },
		'(app)/hotline/imports/[id=id]/+page.server.ts': {
			params: () => ({ id: '1' }),
			load: g('hotline.import'),
			action: g('hotline.import')
		},
		'(app)/hotline/export/+server.ts': { handler: g('hotline.export') },
		'(app)/hotline/[id=id]/+page.server.ts': {
			params: () => ({ id: String(seeded().orderId) }),
			load: g({ cap: 'hotline.view', resource: () => ({ departmentId: seeded().orderDept }) }),
			actions: {
				set_community: g('hotline.set_community'),
				open_case: g('hotline.link_case'),
				join_case: g('hotline.link_case')
			}
		},
		'hotline/evidence/[id]/+server.ts': {
			params: () => ({ id: seeded().orderFileId }),
			handler: g({ cap: 'hotline.view', resource: () => ({ departmentId: seeded().orderDept }) })
		},
		'(app)/enforcement/+page.server.ts': { load: g('enforcement.view') },
		'(app)/enforcement/[id=id]/+page.server.ts': {
			params: () => ({ id: String(seeded().enforcementId) }),
			load: g('enforcement.view')
		},
		'enforcement-docs/[id=id]/[doc=document]/+page.server.ts': {
			params: () => ({ id: String(seeded().enforcementId), doc: 'notice' }),
			load: g('enforcement.view')
		},
		'enforcement-docs/[id=id]/[doc=document]/archived/+server.ts': {
			params: () => ({ id: String(seeded().enforcementId), doc: 'notice' }),
			handler: g(allOf('enforcement.view', 'enforcement.personal_data'))
		},
		'evidence/[id]/[size=photosize]/+server.ts': {
			params: () => ({ id: seeded().frameId, size: 'thumb' }),
			handler: g({ cap: 'alerts.review', resource: () => ({ track: seeded().alertTrack }) })
		},
		'(app)/shops/+page.server.ts': { load: g('enforcement.view_shops') },
		'(app)/shops/new/+page.server.ts': { load: g('enforcement.manage_shops'), action: g('enforcement.manage_shops') },
		'(app)/shops/[id=id]/+page.server.ts': {
			params: () => ({ id: String(seeded().shopId) }),
			load: g('enforcement.view_shops'),
			action: g('enforcement.manage_shops')
		}
	};

	// The enforcement case's and the order's verbs: each is its own capability, so each action is its own row.
	ROUTES['(app)/enforcement/[id=id]/+page.server.ts'].actions = Object.fromEntries(
		ENFORCEMENT_ACTIONS.map((a) => [a, g(`enforcement.${a}`)])
	);
	Object.assign(
		ROUTES['(app)/hotline/[id=id]/+page.server.ts'].actions!,
		Object.fromEntries(HOTLINE_ACTIONS.map((a) => [a, g(`hotline.${a}`)]))
	);
	return ROUTES;
}

/** What `actor` (null: signed out) must get from a handler guarded by `guard`. */
export function expected(guard: Guard, actor: Actor | null): Outcome {
	const rule = guard.rule;
	if (rule === 'public') return 'ok';
	if (rule === 'api_key') return 'unauthorized';
	if (rule === 'to_login') return 'login';
	if (!actor) return guard.signedOut ?? 'login';
	if (typeof rule === 'function') return rule(actor) ? 'ok' : 'forbidden';
	if (typeof rule === 'string') return can(actor, rule) ? 'ok' : 'forbidden';
	return can(actor, rule.cap, rule.resource()) ? 'ok' : 'forbidden';
}
