// The route × role matrix: every route file under src/routes, for every role and signed out, run in
// process against one seeded database. What each handler must answer is in access-matrix.table.ts, derived from
// `can()` over the capability tables; a route file the table does not list fails the first test.
// Actions and handlers get an empty form, so an allowed one stops at validation and the database is not changed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Actor } from '$lib/domain/access';
import { createSession, validateSessionToken, type Session, type SessionUser } from '$lib/server/auth/session';
import { toActor } from '$lib/server/auth/guards';
import { getCaseRow } from '$lib/server/repositories/cases';
import { getCaseCategory } from '$lib/server/repositories/reference';
import { appendOrderEvent } from '$lib/server/repositories/hotline-order-writes';
import { getOrderRow, insertOrderAttachments } from '$lib/server/repositories/hotline-orders';
import { toCaseScope } from '$lib/server/services/case-mapping';
import { seedAlert } from '$lib/server/services/enforcement/fixtures';
import { routeTestDb, type RouteTestDb } from '$lib/server/route-test';
import { seedDemoCameras } from '../../seeds/demo-cameras';
import { seedDemoCases } from '../../seeds/demo-cases';
import { seedDemoEnforcement } from '../../seeds/demo-enforcement';
import { seedDemoHotline } from '../../seeds/demo-hotline';
import { seedDemoShops } from '../../seeds/demo-shops';
import { expected, routeTable, type Guard, type Outcome, type Seeded } from './access-matrix.table';

const f = {} as Seeded;
const routes = routeTable(() => f);

const ROUTE_FILE = /^\+(page\.server|layout\.server|server)\.ts$/;
function routeFiles(dir: string, base = ''): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const rel = base ? `${base}/${e.name}` : e.name;
		if (e.isDirectory()) return routeFiles(path.join(dir, e.name), rel);
		return ROUTE_FILE.test(e.name) ? [rel] : [];
	});
}
const ROUTES_DIR = path.resolve('src/routes');

function classify(value: unknown): Outcome {
	const v = value as { status?: number; location?: string } | undefined;
	const status = v instanceof Response ? v.status : v?.status;
	if (status === 303 && v?.location?.startsWith('/login')) return 'login';
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	return 'ok';
}

const cookies = { get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, serialize: () => '' };

/** Who calls: signed out (all null), or signed in through a real session, as the hooks set it up. */
type Principal = { actor: Actor | null; user: SessionUser | null; session: Session | null };

async function run(
	fn: (e: unknown) => unknown,
	{ actor, user, session }: Principal,
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
			session,
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

/** One of each role, signed in the way the hooks do it: a real session, validated, and its actor. */
async function signedIn(username: string, now: number): Promise<Principal> {
	const { token } = await createSession(t.db, t.users.get(username)!, now);
	const { user, session } = (await validateSessionToken(t.db, token, now))!;
	return { actor: toActor(user), user, session };
}

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
	// A dispatched grid case with a photo, handled by a department: the scopes differ by role and person. Its scope
	// is read the way the photo route reads it.
	const photo = await t.db
		.selectFrom('attachments')
		.innerJoin('cases', 'cases.id', 'attachments.case_id')
		.select(['attachments.id', 'attachments.case_id'])
		.where('cases.department_id', 'is not', null)
		.orderBy('attachments.id')
		.executeTakeFirstOrThrow();
	const caseRow = (await getCaseRow(t.db, photo.case_id))!;
	f.photoId = String(photo.id);
	f.caseId = caseRow.id;
	f.caseScope = toCaseScope(caseRow, (await getCaseCategory(t.db, caseRow.category_code))!.track);
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
	principals.push(['signed out', { actor: null, user: null, session: null }]);
	for (const role of ROLES) {
		const username = {
			grid_worker: 'wangge',
			handler: 'chengguan',
			dispatcher: 'diaodu',
			enforcer: 'zhifa',
			leader: 'lingdao',
			admin: 'admin'
		}[role];
		principals.push([role, await signedIn(username, now)]);
	}
	principals.push(['handler of another department', await signedIn('lvhua', now)]);
	for (const file of Object.keys(routes))
		modules.set(file, await import(/* @vite-ignore */ path.join(ROUTES_DIR, file)));
}, 120_000);

afterAll(async () => {
	await t?.close();
});

/** A 退单 evidence row on the order, through the order's repositories (the file itself is absent: an allowed reader gets 404). */
async function addOrderFile(orderId: number, by: number, now: number): Promise<string> {
	const id = 'matrix-evidence';
	const { status } = (await getOrderRow(t.db, orderId))!;
	await t.db.transaction().execute(async (trx) => {
		const eventId = await appendOrderEvent(trx, orderId, {
			at: now,
			actorId: by,
			action: 'supervise',
			from: status,
			to: status,
			note: null,
			payload: {}
		});
		await insertOrderAttachments(trx, [
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
		]);
	});
	return id;
}

describe('route × role matrix', () => {
	it('lists every route file, and only those', () => {
		expect(routeFiles(ROUTES_DIR).sort()).toEqual(Object.keys(routes).sort());
	});

	it.each(Object.keys(routes))('%s', async (file) => {
		const spec = routes[file];
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
			`route × principal matrix: ${Object.keys(routes).length} route files × ${principals.length} principals, ${Object.values(tally).reduce((a, b) => a + b)} handler calls`,
			tally
		);
		for (const outcome of ['login', 'unauthorized', 'forbidden', 'ok'] as const)
			expect(tally[outcome]).toBeGreaterThan(0);
	});
});
