// Carries the planned 12345 orders through the real ingest and order services at their instants.
import { computeDeadline } from '../../src/lib/domain/deadlines';
import type { OrderInput } from '../../src/lib/domain/hotline-order-input';
import { HOTLINE_LIMITS } from '../../src/lib/domain/hotline-stages';
import type { HotlineCommand } from '../../src/lib/domain/hotline-state';
import type { Actor } from '../../src/lib/domain/access';
import type { WorkCalendar } from '../../src/lib/domain/working-days';
import { shanghaiDate } from '../../src/lib/domain/working-days';
import type { Db } from '../../src/lib/server/db/create-database';
import type { PhotoInput } from '../../src/lib/server/photos';
import { ingestOrders } from '../../src/lib/server/services/hotline/ingest';
import { applyHotlineAction } from '../../src/lib/server/services/hotline/order-actions';
import { inDayLanes } from './lanes';
import type { PlannedOrder } from './plan';

const MINUTE = 60_000;
const CONTENT: Record<string, [string, string]> = {
	consult: ['房办', '咨询老旧小区加装电梯的补贴政策'],
	suggest: ['绿化所', '建议在小区门口增设绿化隔离带'],
	help: ['市政养护所', '人行道地砖松动，老人差点摔倒，请尽快修复'],
	complaint: ['城管中队', '沿街商铺夜间占道经营，噪音扰民'],
	'supervise-revisit': ['物业/居委', '此前反映的楼道堆物问题仍未解决'],
	complex: ['房办', '小区外墙渗水涉及多户，需协调维修资金']
};

export interface OrderCast {
	dispatcher: Actor;
	handlerOf: (departmentId: number) => Actor;
	departmentByName: (name: string) => number;
	communities: { id: number; name: string }[];
	calendar: WorkCalendar;
	photo: PhotoInput;
}

export async function runOrders(db: Db, plan: readonly PlannedOrder[], cast: OrderCast, lanes = 4): Promise<number> {
	await inDayLanes(
		plan,
		(p) => p.receivedAt,
		lanes,
		async (p, i) => {
			const community = cast.communities[p.communityIndex % cast.communities.length];
			const [department, content] = CONTENT[p.typeCode] ?? CONTENT.help;
			const order: OrderInput = {
				orderNo: `SH12345-${shanghaiDate(p.receivedAt).replaceAll('-', '')}-Y${String(i).padStart(5, '0')}`,
				channel: i % 5 ? '12345热线' : '随申办APP',
				orderTypeCode: p.typeCode,
				orderLimit: p.limit,
				urgency: '一般',
				citizenName: p.anonymous ? null : `${'王李张刘陈杨黄赵吴周'[i % 10]}先生`,
				phone: p.anonymous ? null : `139${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, '0')}`,
				address: `闵行区古美路街道${community.name}${((i * 37) % 120) + 1}号`,
				lng: null,
				lat: null,
				content,
				receivedAt: p.receivedAt,
				categoryCode: null,
				communityId: community.id
			};
			const created = await db.transaction().execute((trx) =>
				ingestOrders(trx, [order], {
					origin: 'api',
					importId: null,
					actorId: cast.dispatcher.id,
					apiKeyId: null,
					now: p.receivedAt,
					calendar: cast.calendar
				})
			);
			const id = created.created[0]?.id;
			if (!id) throw new Error(`demo year order ${i} was not created`);
			const step = async (who: Actor, cmd: HotlineCommand, at: number, photos: PhotoInput[] = []) => {
				const row = await db
					.selectFrom('hotline_orders')
					.select('version')
					.where('id', '=', id)
					.executeTakeFirstOrThrow();
				const r = await applyHotlineAction(db, who, id, row.version, cmd, photos, at);
				if (!r.ok) throw new Error(`demo year order ${i} (${p.typeCode}): ${cmd.action} refused (${r.code})`);
			};
			const departmentId = cast.departmentByName(department);
			const handler = cast.handlerOf(departmentId);
			await step(cast.dispatcher, { action: 'assign', departmentId }, p.receivedAt + 15 * MINUTE);
			await step(handler, { action: 'sign' }, p.signAt);
			if (p.returned) {
				await step(
					handler,
					{
						action: 'request_return',
						reasonCode: 'not_in_jurisdiction',
						note: '诉求地点属相邻街道辖区',
						evidenceCount: 1
					},
					p.signAt + 10 * MINUTE,
					[cast.photo]
				);
				await step(cast.dispatcher, { action: 'approve_return' }, p.signAt + 25 * MINUTE);
				return;
			}
			const fcDue = computeDeadline(p.signAt, HOTLINE_LIMITS.firstContact, cast.calendar);
			const contactAt = p.contactLate ? fcDue + 3 * 60 * MINUTE : p.signAt + 50 * MINUTE;
			const contact: HotlineCommand = p.anonymous
				? { action: 'first_contact', at: p.signAt + 5 * MINUTE, outcome: 'no_phone' }
				: p.declined
					? {
							action: 'first_contact',
							at: p.signAt + 40 * MINUTE,
							outcome: 'declined',
							method: 'phone',
							summary: '市民表示无需联系'
						}
					: {
							action: 'first_contact',
							at: contactAt,
							outcome: 'contacted',
							method: 'phone',
							summary: '已电话联系诉求人，了解具体情况'
						};
			const contactedAt = contact.at;
			await step(handler, contact, contactedAt + MINUTE);
			const deadline = computeDeadline(p.receivedAt, p.limit, cast.calendar);
			// Answered in time: a little after the contact, well before the 办结 deadline.
			const replyAt = Math.min(contactedAt + 3 * 60 * MINUTE, deadline - 30 * MINUTE);
			if (replyAt <= contactedAt) throw new Error(`demo year order ${i}: no room to answer in time`);
			await step(handler, { action: 'reply', resolved: true, text: '已现场核实并处理完毕，已告知诉求人' }, replyAt);
			await step(
				cast.dispatcher,
				{ action: 'evaluate', satisfaction: p.satisfaction, resolvedConfirmed: true },
				replyAt + 24 * 60 * MINUTE
			);
		}
	);
	return plan.length;
}
