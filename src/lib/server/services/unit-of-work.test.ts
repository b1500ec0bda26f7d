import { describe, expect, it } from 'vitest';
import { getCaseRow } from '../repositories/cases';
import { loadCalendar } from '../repositories/calendar';
import { actorOf } from '../test-db';
import { applyCaseAction } from './case-actions';
import { createEnforcementCase } from './enforcement/open';
import { at } from '$lib/domain/fixtures/time';
import { handlingOrder, newOrder, ok, useOrderActionsDb } from './hotline/order-actions.fixtures';
import { setOrderCommunity } from './hotline/order-community';
import { rebuildCounts } from './stats/rebuild';
import { checkRowsAgainstLogs } from './stats/replay-check';
import { StaleRecord, unitOfWork, type RecordEvent } from './unit-of-work';
import { reportTestCase } from './reported-case.fixtures';

const env = useOrderActionsDb();

const NOW = at('2026-09-29 10:00');

/** The kept counts equal a rebuild from the records, and every row equals the replay of its log. */
async function expectAgreement() {
	expect((await rebuildCounts(env.db, { write: false })).differences).toEqual([]);
	expect((await checkRowsAgainstLogs(env.db)).first).toEqual([]);
}

const reported = () =>
	reportTestCase(env.db, at('2026-09-29 09:00'), {
		categoryCode: 'SH-HWSR-02',
		description: '路边暴露垃圾',
		address: '东兰路',
		beforePhotos: [env.photo]
	});

const caseEvents = async (id: number) =>
	(await env.db.selectFrom('case_events').select('id').where('case_id', '=', id).execute()).length;
const voidEvent = (actorId: number): RecordEvent => ({
	at: NOW,
	actorId,
	action: 'void',
	from: 'reported',
	to: 'void',
	note: '重复上报',
	payload: {}
});

describe('the unit of work', () => {
	it('keeps the counts equal to a rebuild through a mixed workload of cases, orders and enforcement cases', async () => {
		await rebuildCounts(env.db, { write: true });
		const diaodu = await actorOf(env.db, 'diaodu');
		const first = await reported();
		const second = await reported();
		expect(await applyCaseAction(env.db, diaodu, first, 1, { action: 'accept' }, [], NOW)).toMatchObject({ ok: true });
		expect(
			await applyCaseAction(env.db, diaodu, second, 1, { action: 'void', reason: '重复上报' }, [], NOW)
		).toMatchObject({ ok: true });
		const order = await handlingOrder();
		await ok(
			'chengguan',
			order,
			{ action: 'first_contact', at: NOW, outcome: 'contacted', method: 'phone', summary: '已电话联系' },
			NOW
		);
		const other = await newOrder();
		const community = (
			await env.db.selectFrom('communities').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
		).id;
		expect(await setOrderCommunity(env.db, diaodu, other, 1, community, NOW)).toEqual({ ok: true });
		const calendar = await loadCalendar(env.db);
		const c = (await getCaseRow(env.db, first))!;
		await unitOfWork(env.db, (w) =>
			createEnforcementCase(
				w,
				diaodu.id,
				{
					categoryCode: c.category_code,
					description: '跨门营业',
					address: c.address,
					lng: c.lng,
					lat: c.lat,
					areaId: c.area_id,
					communityId: c.community_id,
					cameraId: null,
					shopId: null,
					alertId: null
				},
				NOW,
				calendar
			)
		);
		await expectAgreement();
	});

	it('writes nothing, counts included, when the work throws after a write', async () => {
		const id = await reported();
		const diaodu = await actorOf(env.db, 'diaodu');
		const before = { row: await getCaseRow(env.db, id), events: await caseEvents(id) };
		const boom = unitOfWork(env.db, async (w) => {
			await w.updateCase(id, 1, { status: 'void', closed_at: NOW, updated_at: NOW }, [voidEvent(diaodu.id)]);
			throw new Error('photo store failed');
		});
		await expect(boom).rejects.toThrow('photo store failed');
		expect({ row: await getCaseRow(env.db, id), events: await caseEvents(id) }).toEqual(before);
		await expectAgreement();
	});

	it('refuses a stale version with StaleRecord and writes nothing', async () => {
		const id = await reported();
		const diaodu = await actorOf(env.db, 'diaodu');
		const stale = unitOfWork(env.db, (w) =>
			w.updateCase(id, 7, { status: 'void', closed_at: NOW, updated_at: NOW }, [voidEvent(diaodu.id)])
		);
		await expect(stale).rejects.toBeInstanceOf(StaleRecord);
		expect(await getCaseRow(env.db, id)).toMatchObject({ status: 'reported', version: 1 });
		expect(await caseEvents(id)).toBe(1);
		await expectAgreement();
	});

	it('a unit of work started inside another joins it: the counts move once', async () => {
		const id = await reported();
		const diaodu = await actorOf(env.db, 'diaodu');
		await unitOfWork(env.db, async (outer) => {
			await outer.updateCase(id, 1, { status: 'void', closed_at: NOW, updated_at: NOW }, [voidEvent(diaodu.id)]);
			await unitOfWork(outer.trx, async (inner) => {
				expect(inner).toBe(outer);
				await inner.appendEvents('case', id, [
					{ at: NOW, actorId: diaodu.id, action: 'supervise', from: 'void', to: 'void', note: '核对', payload: {} }
				]);
				await inner.updateCase(id, 2, { supervised: 1, updated_at: NOW }, []);
			});
		});
		expect(await getCaseRow(env.db, id)).toMatchObject({ status: 'void', supervised: 1, version: 3 });
		await expectAgreement();
	});
});
