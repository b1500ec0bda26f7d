import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftReplyFrom } from '$lib/domain/order-case-link';
import type { WorkCalendar } from '$lib/domain/working-days';
import type { PhotoInput } from '../../photos';
import { loadCalendar } from '../../repositories/calendar';
import { getCaseRow } from '../../repositories/cases';
import { getCaseOutcome, getLinkedCase, listLinkedOrders } from '../../repositories/order-case-links';
import { actorOf, createTestDb, jpeg, type TestDb } from '../../test-db';
import { applyCaseAction } from '../case-actions';
import { fastTrackCase } from '../case-fast-track';
import { computeStats } from '../stats/compute';
import { rebuildCounts } from '../stats/rebuild';
import { checkRowsAgainstLogs } from '../stats/replay-check';
import { applyHotlineAction } from './order-actions';
import { joinOrderToCase, listJoinCandidates, openCaseFromOrder } from './order-to-case';
import { enteredOrder } from './order-actions.fixtures';

const at = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const CATEGORY = 'SH-SSGL-04'; // 道路破损: 3 wd
const POINT = { lng: 121.37792, lat: 31.15505 }; // 东兰路
let t: TestDb;
let calendar: WorkCalendar;
let photo: PhotoInput;
let serial = 0;

beforeAll(async () => {
	t = await createTestDb();
	calendar = await loadCalendar(t.db);
	photo = await jpeg('after.jpg');
	await rebuildCounts(t.db, { write: true });
});
afterAll(async () => {
	await t.cleanup();
});

const orderRow = (id: number) =>
	t.db.selectFrom('hotline_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const orderEvents = (id: number) =>
	t.db.selectFrom('hotline_events').select(['action', 'payload']).where('order_id', '=', id).orderBy('id').execute();
const caseEvents = (id: number) =>
	t.db
		.selectFrom('case_events')
		.select(['action', 'from_status', 'to_status', 'payload'])
		.where('case_id', '=', id)
		.orderBy('id')
		.execute();
const links = () => t.db.selectFrom('order_case_links').selectAll().orderBy('id').execute();
const dept = async (name: string) =>
	(await t.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

/** A 投诉 about a broken road at 东兰路 (or `dLat` degrees north of it), assigned and signed by 城管中队. */
async function order(dLat = 0, categoryCode = CATEGORY): Promise<number> {
	const id = await enteredOrder(t, calendar, {
		orderNo: `OC-${++serial}`,
		channel: '12345热线',
		orderType: '投诉',
		citizenName: '李四',
		phone: '13812345678',
		address: '东兰路 100 号',
		content: '路面破损有坑洞',
		receivedAt: '2026-09-28 09:15',
		lng: String(POINT.lng),
		lat: String(POINT.lat + dLat),
		categoryCode
	});
	for (const [who, cmd, when] of [
		['diaodu', { action: 'assign', departmentId: await dept('城管中队') }, at('2026-09-28 09:30')],
		['chengguan', { action: 'sign' }, at('2026-09-28 10:00')]
	] as const) {
		const res = await applyHotlineAction(
			t.db,
			await actorOf(t.db, who),
			id,
			(await orderRow(id)).version,
			cmd,
			[],
			when
		);
		if (!res.ok) throw new Error(JSON.stringify(res));
	}
	return id;
}

const openInput = {
	categoryCode: CATEGORY,
	description: '路面破损有坑洞（12345 工单转）',
	address: '东兰路 100 号',
	...POINT,
	photos: [] as PhotoInput[]
};
const NOW = at('2026-09-28 10:30');

describe('a 12345 order becomes a grid case', () => {
	let orderId: number;
	let caseId: number;

	it('the dispatcher opens it: source 12345, waiting for 受理, linked both ways with an event on each side', async () => {
		orderId = await order();
		const before = await orderRow(orderId);
		const r = await openCaseFromOrder(t.db, await actorOf(t.db, 'diaodu'), orderId, before.version, openInput, NOW);
		if (!r.ok) throw new Error(JSON.stringify(r));
		caseId = r.caseId;
		const c = (await getCaseRow(t.db, caseId))!;
		expect(c).toMatchObject({
			source: 'hotline',
			status: 'reported',
			category_code: CATEGORY,
			description: openInput.description,
			lng: POINT.lng,
			lat: POINT.lat
		});
		expect((await orderRow(orderId)).version).toBe(before.version + 1);
		expect((await orderRow(orderId)).deadline_at).toBe(before.deadline_at);
		expect((await orderEvents(orderId)).at(-1)).toEqual({
			action: 'link_case',
			payload: JSON.stringify({ caseId, caseCode: r.code, kind: 'opened' })
		});
		expect((await caseEvents(caseId)).map((e) => e.action)).toEqual(['report', 'link_order']);
		expect(await links()).toMatchObject([{ order_id: orderId, case_id: caseId, kind: 'opened' }]);
		expect(await getLinkedCase(t.db, orderId)).toMatchObject({ id: caseId, code: r.code, status: 'reported' });
	});

	it('refuses a second case for the same order, a stale form, a handler and a closed-category join, writing nothing', async () => {
		const snapshot = async () => ({
			links: await links(),
			order: await orderRow(orderId),
			cases: (await t.db.selectFrom('cases').select('id').execute()).length
		});
		const before = await snapshot();
		const version = before.order.version;
		expect(await openCaseFromOrder(t.db, await actorOf(t.db, 'diaodu'), orderId, version, openInput, NOW)).toEqual({
			ok: false,
			status: 409,
			code: 'already_linked'
		});
		expect(await openCaseFromOrder(t.db, await actorOf(t.db, 'diaodu'), orderId, version - 1, openInput, NOW)).toEqual({
			ok: false,
			status: 409,
			code: 'stale'
		});
		expect(await openCaseFromOrder(t.db, await actorOf(t.db, 'chengguan'), orderId, version, openInput, NOW)).toEqual({
			ok: false,
			status: 403,
			code: 'forbidden'
		});
		expect(await joinOrderToCase(t.db, await actorOf(t.db, 'lingdao'), orderId, version, caseId, NOW)).toEqual({
			ok: false,
			status: 403,
			code: 'forbidden'
		});
		expect(await joinOrderToCase(t.db, await actorOf(t.db, 'diaodu'), 999_999, 1, caseId, NOW)).toEqual({
			ok: false,
			status: 404,
			code: 'not_found'
		});
		expect(await snapshot()).toEqual(before);
	});

	it('a bad form for the new case is refused field by field and writes nothing', async () => {
		const other = await order(0.0001);
		const before = { order: await orderRow(other), links: await links() };
		const r = await openCaseFromOrder(
			t.db,
			await actorOf(t.db, 'diaodu'),
			other,
			before.order.version,
			{ ...openInput, categoryCode: 'NOPE', lng: 0, lat: 0 },
			NOW
		);
		expect(r).toMatchObject({
			ok: false,
			status: 400,
			code: 'case_invalid',
			errors: { categoryCode: 'unknown_category', point: 'outside_subdistrict' }
		});
		expect({ order: await orderRow(other), links: await links() }).toEqual(before);
	});

	it('a second order about the same spot joins the open case instead of opening another; farther or other categories are not offered', async () => {
		const near = await order(0.0009); // ~100 m north
		const far = await order(0.0027); // ~300 m
		const otherKind = await order(0, 'SH-HWSR-01');
		const offered = await listJoinCandidates(t.db, await orderRow(near));
		expect(offered.map((c) => c.id)).toEqual([caseId]);
		expect(offered[0].distance).toBeGreaterThan(90);
		expect(await listJoinCandidates(t.db, await orderRow(far))).toEqual([]);
		expect(await listJoinCandidates(t.db, await orderRow(otherKind))).toEqual([]);

		const diaodu = await actorOf(t.db, 'diaodu');
		expect(await joinOrderToCase(t.db, diaodu, far, (await orderRow(far)).version, caseId, NOW)).toEqual({
			ok: false,
			status: 400,
			code: 'too_far'
		});
		expect(await joinOrderToCase(t.db, diaodu, otherKind, (await orderRow(otherKind)).version, caseId, NOW)).toEqual({
			ok: false,
			status: 400,
			code: 'category_mismatch'
		});
		const caseVersion = (await getCaseRow(t.db, caseId))!.version;
		const r = await joinOrderToCase(t.db, diaodu, near, (await orderRow(near)).version, caseId, NOW);
		expect(r).toMatchObject({ ok: true, caseId });
		expect((await getCaseRow(t.db, caseId))!.version).toBe(caseVersion + 1);
		expect((await listLinkedOrders(t.db, caseId)).map((o) => [o.id, o.kind])).toEqual([
			[orderId, 'opened'],
			[near, 'joined']
		]);
		expect((await caseEvents(caseId)).map((e) => e.action)).toEqual(['report', 'link_order', 'link_order']);
		expect(await joinOrderToCase(t.db, diaodu, near, (await orderRow(near)).version, caseId, NOW)).toEqual({
			ok: false,
			status: 409,
			code: 'already_linked'
		});
	});

	it('when the case closes, its 处置反馈 and after photos are the order’s draft 答复; the order keeps its own deadline', async () => {
		const deadline = (await orderRow(orderId)).deadline_at;
		expect(draftReplyFrom({ status: 'reported', feedbackNote: null, closedAt: null })).toBeNull();
		const c = (await getCaseRow(t.db, caseId))!;
		const ft = await fastTrackCase(
			t.db,
			await actorOf(t.db, 'diaodu'),
			caseId,
			c.version,
			{ categoryCode: CATEGORY, urgency: '一般', departmentId: await dept('市政养护所'), note: '' },
			at('2026-09-28 11:00')
		);
		expect(ft).toMatchObject({ ok: true, status: 'dispatched' });
		const step = async (
			who: string,
			cmd: Parameters<typeof applyCaseAction>[4],
			when: string,
			photos: PhotoInput[] = []
		) => {
			const r = await applyCaseAction(
				t.db,
				await actorOf(t.db, who),
				caseId,
				(await getCaseRow(t.db, caseId))!.version,
				cmd,
				photos,
				at(when),
				undefined
			);
			if (!r.ok) throw new Error(`${who} ${cmd.action}: ${JSON.stringify(r)}`);
		};
		await step('shizheng', { action: 'sign' }, '2026-09-28 11:10');
		await step(
			'shizheng',
			{ action: 'feedback', note: '已修补路面坑洞，恢复通行', photoCount: 1 },
			'2026-09-28 15:00',
			[photo]
		);
		await step('wangge2', { action: 'check_pass', photoCount: 1 }, '2026-09-28 16:00', [photo]);
		await step('diaodu', { action: 'close' }, '2026-09-28 16:30');
		const linked = (await getLinkedCase(t.db, orderId))!;
		expect(linked.status).toBe('closed');
		const outcome = await getCaseOutcome(t.db, caseId);
		expect(outcome.photos).toHaveLength(1);
		expect(draftReplyFrom({ status: 'closed', feedbackNote: outcome.note, closedAt: linked.closed_at })).toBe(
			'已修补路面坑洞，恢复通行'
		);
		expect((await orderRow(orderId)).deadline_at).toBe(deadline);
		expect((await orderRow(orderId)).status).toBe('handling');
	});

	it('statistics: the case counts once, under source 12345, and the kept counts equal a rebuild', async () => {
		expect((await rebuildCounts(t.db, { write: false })).differences).toEqual([]);
		expect((await checkRowsAgainstLogs(t.db)).first).toEqual([]);
		const s = await computeStats(t.db, '2026-09-01', '2026-09-30', null, at('2026-10-09 12:00'));
		expect(s.total.volumes.bySource).toEqual({ hotline: 1 });
		expect(s.total.volumes.reported).toBe(1);
		expect(s.total.volumes.orders_received).toBe(serial);
	});
});
