// The demo year: a generated history from 2023-01-01 to two weeks ago, made by the real services.
import sharp from 'sharp';
import { allLimitsAt } from '../../src/lib/server/repositories/category-limits';
import type { Actor, Role } from '../../src/lib/domain/access';
import { shanghaiDate, shanghaiMidnight } from '../../src/lib/domain/working-days';
import type { Db } from '../../src/lib/server/db/create-database';
import { loadCalendar } from '../../src/lib/server/repositories/calendar';
import { ORDER_TYPES } from '../../src/lib/server/repositories/hotline-reference';
import { seedDemoEnforcement, type EnforcementPlanItem } from '../demo-enforcement';
import { planGrid, planOrders, TARGET_2023 } from './plan';
import { runGrid } from './run-grid';
import { runOrders } from './run-orders';

/** How often each kind of problem comes up (暴露垃圾 and 乱停放 most). */
const WEIGHT: Record<string, number> = {
	'SH-HWSR-01': 5,
	'SH-JMZX-04': 4,
	'SH-HWSR-03': 3,
	'SH-JMZX-01': 3,
	'SH-JMZX-02': 2,
	'SH-JMZX-03': 2,
	'SH-SSGL-04': 2,
	'SH-YLLH-01': 2
};
const ORDER_WEIGHT: Record<string, number> = {
	consult: 2,
	suggest: 1,
	help: 4,
	complaint: 5,
	'supervise-revisit': 1,
	complex: 0
};

async function tinyJpeg(): Promise<{ name: string; bytes: Uint8Array }> {
	const b = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#7a8a9a' } })
		.jpeg({ quality: 60 })
		.toBuffer();
	return { name: 'demo.jpg', bytes: new Uint8Array(b) };
}

/** One grid worker per 居民区 (the demo's named accounts cover two of them), sharing the demo password. */
async function ensureWorkers(db: Db, now: number): Promise<Map<number, Actor>> {
	const template = await db
		.selectFrom('users')
		.select('password_hash')
		.where('username', '=', 'wangge')
		.executeTakeFirstOrThrow();
	const communities = await db.selectFrom('communities').select(['id', 'name', 'area_id']).orderBy('id').execute();
	const existing = await db.selectFrom('users').selectAll().where('role', '=', 'grid_worker').execute();
	const missing = communities.filter((c) => !existing.some((u) => u.community_id === c.id));
	if (missing.length) {
		await db
			.insertInto('users')
			.values(
				missing.map((c) => ({
					username: `wg${c.id}`,
					display_name: `网格员（${c.name}）`,
					role: 'grid_worker',
					department_id: null,
					area_id: c.area_id,
					community_id: c.id,
					password_hash: template.password_hash,
					created_at: now
				}))
			)
			.execute();
	}
	const workers = await db.selectFrom('users').selectAll().where('role', '=', 'grid_worker').orderBy('id').execute();
	const out = new Map<number, Actor>();
	for (const u of workers)
		if (u.community_id !== null && !out.has(u.community_id))
			out.set(u.community_id, {
				id: u.id,
				role: 'grid_worker',
				departmentId: null,
				areaId: u.area_id,
				communityId: u.community_id
			});
	return out;
}

export async function seedDemoYear(
	db: Db,
	shops: Map<string, number>,
	now: number
): Promise<{ cases: number; orders: number; enforcement: number }> {
	const calendar = await loadCalendar(db);
	const last = shanghaiDate(now - 14 * 86_400_000);
	const users = await db.selectFrom('users').selectAll().execute();
	const actor = (u: (typeof users)[number]): Actor => ({
		id: u.id,
		role: u.role as Role,
		departmentId: u.department_id,
		areaId: u.area_id,
		communityId: u.community_id
	});
	const dispatcher = actor(users.find((u) => u.username === 'diaodu')!);
	const handlerOf = (departmentId: number) =>
		actor(users.find((u) => u.role === 'handler' && u.department_id === departmentId)!);
	const categories = await db.selectFrom('categories').selectAll().where('active', '=', 1).execute();
	// The history is generated under the categories' first limits (the demo has no later versions).
	const firstLimits = await allLimitsAt(db, 0);
	const communities = await db.selectFrom('communities').select(['id', 'name', 'lng', 'lat']).orderBy('id').execute();
	const departments = await db.selectFrom('departments').select(['id', 'name']).execute();
	const workers = await ensureWorkers(db, now);
	const photo = await tinyJpeg();

	const gridPlan = planGrid(
		calendar,
		categories
			.map((c) => ({ c, limits: firstLimits.get(c.code) }))
			.filter(({ c, limits }) => c.track !== 'enforcement-eligible' || limits?.handleLimit)
			.map(({ c, limits }) => ({
				code: c.code,
				handle: limits?.handleLimit ?? null,
				efficient: limits?.efficientLimit ?? null,
				weight: WEIGHT[c.code] ?? 1
			})),
		communities.length,
		last
	);
	const cases = await runGrid(db, gridPlan, {
		dispatcher,
		workerOf: (id) => workers.get(id)!,
		handlerOf,
		departmentOf: (code) => categories.find((c) => c.code === code)!.department_id!,
		communities,
		photo
	});

	const orderPlan = planOrders(
		calendar,
		ORDER_TYPES.map((t) => ({ code: t.code, limit: t.limit, weight: ORDER_WEIGHT[t.code] ?? 1 })),
		communities.length,
		last
	);
	const orders = await runOrders(db, orderPlan, {
		dispatcher,
		handlerOf,
		departmentByName: (name) => departments.find((d) => d.name === name)!.id,
		communities,
		calendar,
		photo
	});

	// 2023's non-onsite enforcement: nine cases from camera alerts, seven paid, two corrected at once.
	const plan2023: EnforcementPlanItem[] = Array.from({ length: TARGET_2023.enforcement }, (_, i) => {
		const t0 = shanghaiMidnight(`2023-${String(3 + i).padStart(2, '0')}-1${i % 9}`) + 10 * 3_600_000;
		return {
			stage: i % 4 === 3 ? 'corrected' : 'paid_closed',
			ageMs: now - t0,
			shop: i,
			category: i % 2 ? 'SH-JMZX-01' : 'SH-JMZX-02',
			text: i % 2 ? '流动摊贩占道售卖' : '商铺跨门经营'
		};
	});
	const enforcement = await seedDemoEnforcement(db, shops, now, plan2023, false);
	return { cases, orders, enforcement: enforcement.cases };
}
