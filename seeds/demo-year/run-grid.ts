// Carries the planned grid cases through the real services at their (past) instants.
import type { CaseCommand } from '../../src/lib/domain/case-workflow';
import type { Actor } from '../../src/lib/domain/access';
import { shanghaiMidnight } from '../../src/lib/domain/working-days';
import type { Db } from '../../src/lib/server/db/create-database';
import type { PhotoInput } from '../../src/lib/server/photos';
import { getCaseRow } from '../../src/lib/server/repositories/cases';
import { applyCaseAction } from '../../src/lib/server/services/case-actions';
import { reportCase } from '../../src/lib/server/services/report-case';
import { inDayLanes } from './lanes';
import type { PlannedCase } from './plan';

const MINUTE = 60_000;
const DESCRIPTIONS: Record<string, string> = {
	'SH-GYSS-01': '人行道窨井盖破损下沉',
	'SH-GYSS-02': '雨水井盖缺失',
	'SH-TFSJ-01': '路面积水，行人难以通行',
	'SH-SSGL-01': '架空线坠落，悬挂在人行道上方',
	'SH-SSGL-02': '架空线杂乱缠绕在树上',
	'SH-SSGL-03': '宣传栏破损',
	'SH-SSGL-04': '人行道地砖松动破损',
	'SH-HWSR-01': '绿化带旁堆放生活垃圾',
	'SH-HWSR-02': '路面有大片油污',
	'SH-HWSR-03': '电线杆上张贴小广告',
	'SH-HWSR-04': '沿街护栏上晾晒衣物',
	'SH-HWSR-05': '绿地被占用种菜',
	'SH-JMZX-01': '流动摊贩占道经营',
	'SH-JMZX-02': '商铺将货架摆出门外',
	'SH-JMZX-03': '小区门口乱堆建筑垃圾',
	'SH-JMZX-04': '非机动车乱停放堵塞盲道',
	'SH-JMZX-05': '僵尸自行车长期停放',
	'SH-YLLH-01': '行道树断枝悬挂',
	'SH-YLLH-02': '花箱破损',
	'SH-XQGL-01': '居民在阳台外搭建雨棚',
	'SH-XQGL-02': '小区内存量违法建筑'
};

export interface GridCast {
	dispatcher: Actor;
	workerOf: (communityId: number) => Actor;
	handlerOf: (departmentId: number) => Actor;
	departmentOf: (category: string) => number;
	communities: { id: number; lng: number; lat: number; name: string }[];
	photo: PhotoInput;
}

/** Returns how many cases were made. A refused step is a bug in the plan or the rules: it throws. */
export async function runGrid(db: Db, plan: readonly PlannedCase[], cast: GridCast, lanes = 4): Promise<number> {
	await inDayLanes(
		plan,
		(p) => p.reportedAt,
		lanes,
		async (p, i) => {
			const community = cast.communities[p.communityIndex % cast.communities.length];
			const reporter = p.source === 'patrol' ? cast.workerOf(community.id) : cast.dispatcher;
			const r = await reportCase(
				db,
				reporter,
				{
					mode: 'report',
					source: p.source,
					categoryCode: p.category,
					description: DESCRIPTIONS[p.category] ?? '巡查发现问题',
					address: `${community.name}附近`,
					lng: community.lng,
					lat: community.lat,
					communityId: community.id,
					handlingNote: '',
					beforePhotos: [cast.photo],
					afterPhotos: []
				},
				p.reportedAt
			);
			if (!r.ok) throw new Error(`demo year case ${i}: report refused ${JSON.stringify(r.errors)}`);
			const caseId = r.caseId;
			const step = async (who: Actor, cmd: CaseCommand, at: number, photos: PhotoInput[] = []) => {
				const row = (await getCaseRow(db, caseId))!;
				const done = await applyCaseAction(db, who, caseId, row.version, cmd, photos, at);
				if (!done.ok)
					throw new Error(`demo year case ${i} (${p.category}, ${p.outcome}): ${cmd.action} refused (${done.code})`);
			};
			const d = cast.dispatcher;
			await step(d, { action: 'accept' }, p.reportedAt + 10 * MINUTE);
			if (p.outcome === 'void') {
				await step(d, { action: 'void', reason: '与已有案件重复' }, p.reportedAt + 12 * MINUTE);
				return;
			}
			await step(
				d,
				{ action: 'register', categoryCode: p.category, urgency: '一般', handleLimit: null, efficientLimit: null },
				p.reportedAt + 20 * MINUTE
			);
			const departmentId = cast.departmentOf(p.category);
			await step(d, { action: 'dispatch', departmentId }, p.dispatchAt);
			const handler = cast.handlerOf(departmentId);
			const signAt = p.dispatchAt + 10 * MINUTE;
			await step(handler, { action: 'sign' }, signAt);
			if (p.extended) {
				await step(
					handler,
					{ action: 'request_extension', reason: '需协调相关单位配合处置', proposedDeadline: p.deadlineAt! },
					signAt + MINUTE
				);
				await step(d, { action: 'approve_extension' }, signAt + 2 * MINUTE);
			}
			const row = (await getCaseRow(db, caseId))!;
			if (row.deadline_at !== p.deadlineAt)
				throw new Error(`demo year case ${i}: deadline ${row.deadline_at} differs from the plan's ${p.deadlineAt}`);
			let feedbackAt: number;
			if (p.outcome === 'stock') {
				// 专项 demolition takes weeks; the 2023 ones are all done within 2023.
				const days = 7 + (i % 14);
				feedbackAt = Math.min(
					p.reportedAt + days * 86_400_000,
					p.reportedAt < shanghaiMidnight('2024-01-01') ? shanghaiMidnight('2023-12-27') : Infinity
				);
			} else {
				const D = row.deadline_at!;
				const E = row.efficient_deadline_at ?? D;
				if (p.outcome === 'efficient')
					feedbackAt = signAt + Math.max(3 * MINUTE, Math.min(20 * MINUTE, Math.floor((E - signAt) / 2)));
				else if (p.outcome === 'in_time') feedbackAt = E + Math.max(MINUTE, Math.floor((D - E) / 2));
				else feedbackAt = D + 3 * 60 * MINUTE;
				if (p.outcome !== 'late' && !(feedbackAt > signAt && feedbackAt <= (p.outcome === 'efficient' ? E : D)))
					throw new Error(`demo year case ${i}: no room for a ${p.outcome} feedback`);
			}
			if (p.rework) {
				await step(handler, { action: 'feedback', note: '已处置', photoCount: 1 }, signAt + 15 * MINUTE, [cast.photo]);
				await step(
					cast.workerOf(community.id),
					{ action: 'check_fail', note: '现场仍有残留，需返工', photoCount: 1 },
					signAt + 25 * MINUTE,
					[cast.photo]
				);
			}
			await step(
				handler,
				{ action: 'feedback', note: p.rework ? '返工完成' : '已现场处置完毕', photoCount: 1 },
				feedbackAt,
				[cast.photo]
			);
			await step(cast.workerOf(community.id), { action: 'check_pass', photoCount: 1 }, feedbackAt + 30 * MINUTE, [
				cast.photo
			]);
			await step(d, { action: 'close' }, feedbackAt + 50 * MINUTE);
		}
	);
	return plan.length;
}
