// Demo 12345 orders: created through the same ingest as imports and the API, then carried along by
// the real order service at past instants, so every order has a true event log.
import type { OrderInput } from '../src/lib/domain/hotline-order-input';
import type { HotlineCommand } from '../src/lib/domain/hotline-workflow';
import type { Actor, Role } from '../src/lib/domain/access';
import type { Db } from '../src/lib/server/db/create-database';
import { loadCalendar } from '../src/lib/server/repositories/calendar';
import { ORDER_TYPES } from '../src/lib/server/repositories/hotline-reference';
import { ingestOrders } from '../src/lib/server/services/hotline/ingest';
import { applyHotlineAction } from '../src/lib/server/services/hotline/order-actions';

const HOUR = 3_600_000;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const REQUESTS: [string, string, string][] = [
	['投诉', '物业/居委', '小区楼道堆放杂物，存在消防隐患，多次反映未处理'],
	['投诉', '城管中队', '沿街商铺夜间占道经营，噪音扰民'],
	['求助', '市政养护所', '人行道地砖松动，老人差点摔倒，请尽快修复'],
	['咨询', '房办', '咨询老旧小区加装电梯的补贴政策'],
	['建议', '绿化所', '建议在小区门口增设绿化隔离带'],
	['投诉', '市容所', '垃圾箱房周边垃圾满溢，气味难闻'],
	['求助', '绿化所', '行道树枝条遮挡路灯，夜间照明不足']
];

/** One caller who rang four times about the same stall noise (重复来电): the demo orders drawn to 城管中队 with that complaint. */
const REPEAT_CALLER = {
	indexes: [7, 9, 18, 23],
	name: '孙女士',
	phone: '13916880001',
	address: '闵行区古美路街道平阳路258弄12号'
};

function rng(seed: number) {
	let s = seed >>> 0;
	return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export async function seedDemoHotline(db: Db, now: number, count = 40): Promise<number> {
	const random = rng(12345);
	const calendar = await loadCalendar(db);
	const users = await db.selectFrom('users').selectAll().execute();
	const actor = (username: string): Actor => {
		const u = users.find((x) => x.username === username)!;
		return {
			id: u.id,
			role: u.role as Role,
			departmentId: u.department_id,
			areaId: u.area_id,
			communityId: u.community_id
		};
	};
	const departments = new Map(
		(await db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.name, d.id])
	);
	const handlerOf = (departmentId: number) =>
		users.find((u) => u.role === 'handler' && u.department_id === departmentId)!.username;
	const communities = await db.selectFrom('communities').select(['id', 'name']).execute();

	for (let i = 0; i < count; i++) {
		const [typeLabel, department, content] = REQUESTS[Math.floor(random() * REQUESTS.length)];
		const type = ORDER_TYPES.find((t) => t.type === typeLabel)!;
		const community = communities[Math.floor(random() * communities.length)];
		const goal = random();
		const receivedAt = now - Math.floor((goal < 0.2 ? 2 + random() * 20 : 30 + random() * 18 * 24) * HOUR);
		const anonymous = random() < 0.08;
		const order: OrderInput = {
			orderNo: `SH12345-${new Date(receivedAt + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '')}-${String(1000 + i)}`,
			channel: random() < 0.8 ? '12345热线' : '随申办APP',
			orderTypeCode: type.code,
			orderLimit: type.limit,
			urgency: random() < 0.1 ? '紧急' : '一般',
			citizenName: anonymous ? null : `${SURNAMES[Math.floor(random() * SURNAMES.length)]}先生`,
			phone: anonymous ? null : `13${Math.floor(100000000 + random() * 899999999)}`,
			address: `闵行区古美路街道${community.name}${((i * 17) % 40) + 1}号`,
			lng: null,
			lat: null,
			content,
			receivedAt,
			categoryCode: null,
			communityId: community.id
		};
		if (REPEAT_CALLER.indexes.includes(i))
			Object.assign(order, {
				citizenName: REPEAT_CALLER.name,
				phone: REPEAT_CALLER.phone,
				address: REPEAT_CALLER.address
			});
		const created = await db.transaction().execute((trx) =>
			ingestOrders(trx, [order], {
				origin: 'api',
				importId: null,
				actorId: actor('diaodu').id,
				apiKeyId: null,
				now: receivedAt,
				calendar
			})
		);
		const id = created.created[0]?.id;
		if (!id) continue;
		let t = receivedAt;
		const step = async (who: string, cmd: HotlineCommand, minutes: number) => {
			t = Math.min(t + minutes * 60_000, now - 60_000);
			const row = await db
				.selectFrom('hotline_orders')
				.select('version')
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			const r = await applyHotlineAction(db, actor(who), id, row.version, cmd, [], t);
			if (!r.ok) throw new Error(`demo order ${order.orderNo}: ${cmd.action} by ${who} refused (${r.code})`);
		};
		if (goal < 0.1) continue;
		const departmentId = departments.get(department)!;
		const handler = handlerOf(departmentId);
		await step('diaodu', { action: 'assign', departmentId }, 20);
		if (goal < 0.2) continue;
		await step(handler, { action: 'sign' }, 40);
		if (goal < 0.3) continue;
		// Most contact within the day; a few too late, to show that the rate is computed, not set.
		const late = random() < 0.06;
		// Whole milliseconds: an instant is an integer (PostgreSQL's bigint refuses a fraction; SQLite kept it as a real).
		const contactAt = Math.min(t + Math.round((late ? 40 : 2 + random() * 5) * HOUR), now - 120_000);
		await step(
			handler,
			anonymous
				? { action: 'first_contact', at: t + 60_000, outcome: 'no_phone' }
				: {
						action: 'first_contact',
						at: contactAt,
						outcome: 'contacted',
						method: 'phone',
						summary: '已电话联系诉求人，了解具体情况'
					},
			(contactAt - t) / 60_000 + 5
		);
		if (goal < 0.45) continue;
		await step(handler, { action: 'reply', resolved: true, text: '已现场核实并处理完毕，已告知诉求人' }, 20 * 60);
		if (goal < 0.55) continue;
		const unhappy = random() < 0.12;
		await step(
			'diaodu',
			{
				action: 'evaluate',
				satisfaction: unhappy ? '不满意' : random() < 0.8 ? '满意' : '基本满意',
				resolvedConfirmed: !unhappy
			},
			180
		);
	}
	return count;
}
