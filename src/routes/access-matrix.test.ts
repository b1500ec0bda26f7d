// The route × role matrix: every route file under src/routes, for every role and signed out, run in
// process against one seeded database. What each handler must answer comes from `can()` over the
// capability tables (src/lib/domain/access), so a change to a table changes the expectation, and a
// route file the matrix does not list fails the first test.
//
// Outcomes: 'login' (303 to /login), 'unauthorized' (401), 'forbidden' (403, thrown or answered),
// 'ok' (anything else: data, a 4xx about the input, a 404, a redirect elsewhere). Actions and
// handlers get an empty form, so an allowed one stops at validation and the database is not changed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Actor, type Capability, type CaseScope, type ResourceOf } from '$lib/domain/access';
import { ENFORCEMENT_ACTIONS } from '$lib/domain/enforcement-status';
import { HOTLINE_ACTIONS } from '$lib/domain/hotline-status';
import { countPlan } from '$lib/domain/work-counts';
import { seedAlert } from '$lib/server/services/enforcement/fixtures';
import { actorOf } from '$lib/server/test-db';
import { sealRows } from '$lib/server/repositories/sealed';
import { routeTestDb, type RouteTestDb } from '$lib/server/route-test';
import { seedDemoCameras } from '../../seeds/demo-cameras';
import { seedDemoCases } from '../../seeds/demo-cases';
import { seedDemoEnforcement } from '../../seeds/demo-enforcement';
import { seedDemoHotline } from '../../seeds/demo-hotline';
import { seedDemoShops } from '../../seeds/demo-shops';

type Outcome = 'login' | 'unauthorized' | 'forbidden' | 'ok';
/** Who may: a capability (with the seeded item it is judged on), or a rule over `can()`. */
type Rule = Capability | { cap: Capability; resource: () => ResourceOf<Capability> } | ((actor: Actor) => boolean);
interface Guard {
	/** public: anyone; api_key: a session is not enough (401 without a key); to_login: everyone is sent to the login page. */
	rule: Rule | 'public' | 'api_key' | 'to_login';
	/** What a signed-out request gets: the login redirect for pages, 401 for JSON endpoints. */
	signedOut?: Outcome;
}
interface RouteSpec {
	params?: () => Record<string, string>;
	load?: Guard;
	/** Every action of the page; `actions` overrides one by name. */
	action?: Guard;
	actions?: Record<string, Guard>;
	handler?: Guard;
}

const f: {
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
} = {} as never;

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

/** Keyed by the route file's path under src/routes. */
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
		params: () => ({ id: String(f.alertId) }),
		load: g({ cap: 'alerts.review', resource: () => ({ track: f.alertTrack }) }),
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
		params: () => ({ id: String(f.caseId) }),
		load: g({ cap: 'case.view', resource: () => f.caseScope }),
		action: ANYONE
	},
	'photos/[id]/[size=photosize]/+server.ts': {
		params: () => ({ id: f.photoId, size: 'thumb' }),
		handler: g({ cap: 'case.view', resource: () => f.caseScope })
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
		params: () => ({ id: String(f.orderId) }),
		load: g({ cap: 'hotline.view', resource: () => ({ departmentId: f.orderDept }) }),
		actions: {
			set_community: g('hotline.set_community'),
			open_case: g('hotline.link_case'),
			join_case: g('hotline.link_case')
		}
	},
	'hotline/evidence/[id]/+server.ts': {
		params: () => ({ id: f.orderFileId }),
		handler: g({ cap: 'hotline.view', resource: () => ({ departmentId: f.orderDept }) })
	},
	'(app)/enforcement/+page.server.ts': { load: g('enforcement.view') },
	'(app)/enforcement/[id=id]/+page.server.ts': {
		params: () => ({ id: String(f.enforcementId) }),
		load: g('enforcement.view')
	},
	'enforcement-docs/[id=id]/[doc=document]/+page.server.ts': {
		params: () => ({ id: String(f.enforcementId), doc: 'notice' }),
		load: g('enforcement.view')
	},
	'enforcement-docs/[id=id]/[doc=document]/archived/+server.ts': {
		params: () => ({ id: String(f.enforcementId), doc: 'notice' }),
		handler: g(allOf('enforcement.view', 'enforcement.personal_data'))
	},
	'evidence/[id]/[size=photosize]/+server.ts': {
		params: () => ({ id: f.frameId, size: 'thumb' }),
		handler: g({ cap: 'alerts.review', resource: () => ({ track: f.alertTrack }) })
	},
	'(app)/shops/+page.server.ts': { load: g('enforcement.view_shops') },
	'(app)/shops/new/+page.server.ts': { load: g('enforcement.manage_shops'), action: g('enforcement.manage_shops') },
	'(app)/shops/[id=id]/+page.server.ts': {
		params: () => ({ id: String(f.shopId) }),
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

const ROUTE_FILE = /^\+(page\.server|layout\.server|server)\.ts$/;
function routeFiles(dir: string, base = ''): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const rel = base ? `${base}/${e.name}` : e.name;
		if (e.isDirectory()) return routeFiles(path.join(dir, e.name), rel);
		return ROUTE_FILE.test(e.name) ? [rel] : [];
	});
}
const ROUTES_DIR = path.resolve('src/routes');

function expected(guard: Guard, actor: Actor | null): Outcome {
	const rule = guard.rule;
	if (rule === 'public') return 'ok';
	if (rule === 'api_key') return 'unauthorized';
	if (rule === 'to_login') return 'login';
	if (!actor) return guard.signedOut ?? 'login';
	if (typeof rule === 'function') return rule(actor) ? 'ok' : 'forbidden';
	if (typeof rule === 'string') return can(actor, rule) ? 'ok' : 'forbidden';
	return can(actor, rule.cap, rule.resource()) ? 'ok' : 'forbidden';
}

function classify(value: unknown): Outcome {
	const v = value as { status?: number; location?: string } | undefined;
	const status = v instanceof Response ? v.status : v?.status;
	if (status === 303 && v?.location?.startsWith('/login')) return 'login';
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	return 'ok';
}

const cookies = { get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, serialize: () => '' };

type Principal = { actor: Actor | null; user: Record<string, unknown> | null };

async function run(
	fn: (e: unknown) => unknown,
	{ actor, user }: Principal,
	route: string,
	params: Record<string, string>,
	method: string
): Promise<Outcome> {
	const url = new URL(`http://localhost/${route}`);
	const request = new Request(url, method === 'GET' ? { method } : { method, body: new FormData() });
	const event = {
		locals: {
			actor,
			user,
			session: user ? { id: 'matrix', userId: user.id, expiresAt: Date.now() + 3_600_000 } : null,
			mustChangePassword: false
		},
		url,
		params,
		request,
		cookies,
		route: { id: route },
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => {},
		parent: async () => ({}),
		depends: () => {},
		untrack: <T>(f: () => T) => f(),
		fetch
	};
	try {
		return classify(await fn(event));
	} catch (e) {
		const s = (e as { status?: number }).status;
		if (typeof s !== 'number' || s >= 500) throw e;
		return classify(e);
	}
}

let t: RouteTestDb;
const principals: [string, Principal][] = [];
const modules = new Map<string, Record<string, unknown>>();
const tally: Record<Outcome, number> = { login: 0, unauthorized: 0, forbidden: 0, ok: 0 };

beforeAll(async () => {
	t = await routeTestDb();
	const now = Date.now();
	await seedDemoCameras(t.db, now);
	const shops = await seedDemoShops(t.db, t.users.get('zhifa')!, now);
	await seedDemoEnforcement(t.db, shops, now);
	await seedDemoCases(t.db, t.users, now, 12);
	await seedDemoHotline(t.db, now, 6);
	f.alertId = await seedAlert(t.db, { now, categoryCode: 'SH-JMZX-01' });
	const alert = await t.db
		.selectFrom('alerts')
		.innerJoin('categories', 'categories.code', 'alerts.category_code')
		.select('categories.track')
		.where('alerts.id', '=', f.alertId)
		.executeTakeFirstOrThrow();
	f.alertTrack = alert.track;
	f.frameId = String(
		(await t.db.selectFrom('evidence_files').select('id').where('alert_id', '=', f.alertId).executeTakeFirstOrThrow())
			.id
	);
	f.enforcementId = (
		await t.db.selectFrom('enforcement_cases').select('id').orderBy('id').executeTakeFirstOrThrow()
	).id;
	f.shopId = shops.values().next().value!;
	// A dispatched grid case with a photo, handled by a department: the scopes differ by role and person.
	const photo = await t.db
		.selectFrom('attachments')
		.innerJoin('cases', 'cases.id', 'attachments.case_id')
		.innerJoin('categories', 'categories.code', 'cases.category_code')
		.select([
			'attachments.id as photoId',
			'cases.id',
			'cases.area_id',
			'cases.community_id',
			'cases.department_id',
			'cases.handler_id',
			'cases.reporter_id',
			'categories.track'
		])
		.where('cases.department_id', 'is not', null)
		.orderBy('attachments.id')
		.executeTakeFirstOrThrow();
	f.photoId = String(photo.photoId);
	f.caseId = photo.id;
	f.caseScope = {
		areaId: photo.area_id,
		communityId: photo.community_id,
		departmentId: photo.department_id,
		handlerId: photo.handler_id,
		reporterId: photo.reporter_id,
		categoryTrack: photo.track
	};
	const order = await t.db
		.selectFrom('hotline_orders')
		.select(['id', 'department_id'])
		.where('department_id', 'is not', null)
		.orderBy('id')
		.executeTakeFirstOrThrow();
	f.orderId = order.id;
	f.orderDept = order.department_id;
	f.orderFileId = await addOrderFile(order.id, t.users.get('diaodu')!, now);
	// One of each role, placed where the seeded case is: in its 片区 and department, or not.
	const principal = async (username: string): Promise<Principal> => ({
		actor: await actorOf(t.db, username),
		user: await t.db
			.selectFrom('users')
			.select([
				'id',
				'username',
				'display_name',
				'role',
				'department_id',
				'area_id',
				'community_id',
				'must_change_password'
			])
			.where('username', '=', username)
			.executeTakeFirstOrThrow()
	});
	principals.push(['signed out', { actor: null, user: null }]);
	for (const role of ROLES) {
		const username = {
			grid_worker: 'wangge',
			handler: 'chengguan',
			dispatcher: 'diaodu',
			enforcer: 'zhifa',
			leader: 'lingdao',
			admin: 'admin'
		}[role];
		principals.push([role, await principal(username)]);
	}
	principals.push(['handler of another department', await principal('lvhua')]);
	for (const file of Object.keys(ROUTES))
		modules.set(file, await import(/* @vite-ignore */ path.join(ROUTES_DIR, file)));
}, 120_000);

afterAll(async () => {
	await t?.close();
});

/** A 退单 evidence row on the order (the file itself is absent: an allowed reader gets 404). */
async function addOrderFile(orderId: number, by: number, now: number): Promise<string> {
	const id = 'matrix-evidence';
	const { status } = await t.db
		.selectFrom('hotline_orders')
		.select('status')
		.where('id', '=', orderId)
		.executeTakeFirstOrThrow();
	await t.db.transaction().execute(async (trx) => {
		const [event] = await sealRows(trx, 'hotline_events', [
			{
				order_id: orderId,
				at: now,
				actor_id: by,
				api_key_id: null,
				action: 'supervise',
				from_status: status,
				to_status: status,
				note: null,
				payload: '{}'
			}
		]);
		const { id: eventId } = await trx
			.insertInto('hotline_events')
			.values(event)
			.returning('id')
			.executeTakeFirstOrThrow();
		const files = [
			{
				id,
				order_id: orderId,
				event_id: eventId,
				path: 'matrix/absent.jpg',
				thumb_path: 'matrix/absent-thumb.jpg',
				sha256: '0'.repeat(64),
				original_name: 'e.jpg',
				uploaded_by: by,
				created_at: now
			}
		];
		await trx
			.insertInto('hotline_attachments')
			.values(await sealRows(trx, 'hotline_attachments', files))
			.execute();
	});
	return id;
}

describe('route × role matrix', () => {
	it('lists every route file, and only those', () => {
		expect(routeFiles(ROUTES_DIR).sort()).toEqual(Object.keys(ROUTES).sort());
	});

	it.each(Object.keys(ROUTES))('%s', async (file) => {
		const spec = ROUTES[file];
		const mod = modules.get(file)!;
		const params = spec.params?.() ?? {};
		const route = file.replace(/\/?\+[a-z.]+\.ts$/, '');
		const rows: string[] = [];
		const check = async (name: string, fn: unknown, guard: Guard | undefined, method: string) => {
			expect(guard, `${file}: ${name} has no row in the matrix`).toBeDefined();
			for (const [who, p] of principals) {
				const got = await run(fn as (e: unknown) => unknown, p, route, params, method);
				rows.push(`${name} ${who}: ${got}`);
				tally[got]++;
				expect(got, `${file} ${name} as ${who}`).toBe(expected(guard!, p.actor));
			}
		};
		if (mod.load) await check('load', mod.load, spec.load, 'GET');
		for (const [name, fn] of Object.entries((mod.actions ?? {}) as Record<string, unknown>))
			await check(`action ${name}`, fn, spec.actions?.[name] ?? spec.action, 'POST');
		for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
			if (mod[method]) await check(method, mod[method], spec.handler, method);
		expect(rows.length).toBeGreaterThan(0);
	});

	it('saw every outcome (the matrix denies as well as allows)', () => {
		console.log(
			`route × principal matrix: ${Object.keys(ROUTES).length} route files × ${principals.length} principals, ${Object.values(tally).reduce((a, b) => a + b)} handler calls`,
			tally
		);
		for (const outcome of ['login', 'unauthorized', 'forbidden', 'ok'] as const)
			expect(tally[outcome]).toBeGreaterThan(0);
	});
});
