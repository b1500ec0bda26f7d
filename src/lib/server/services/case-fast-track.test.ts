import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDeadline } from '$lib/domain/deadlines';
import type { PhotoInput } from '../photos';
import { loadCalendar } from '../repositories/calendar';
import { getCaseRow } from '../repositories/cases';
import { limitsInForce } from '../repositories/category-limits';
import { actorOf, createTestDb, jpeg, type TestDb } from '../test-db';
import { applyCaseAction } from './case-actions';
import { fastTrackCase, type FastTrackRequest } from './case-fast-track';
import { rebuildCounts } from './stats/rebuild';
import { reportTestCase } from './reported-case.fixtures';

const at = (s: string) => Date.parse(`${s}:00+08:00`);
const NOW = at('2026-09-29T10:00');
let t: TestDb;
let photo: PhotoInput;
let request: FastTrackRequest;

beforeAll(async () => {
	t = await createTestDb();
	photo = await jpeg();
	await rebuildCounts(t.db, { write: true });
	const dept = (
		await t.db.selectFrom('departments').select('id').where('name', '=', '市容所').executeTakeFirstOrThrow()
	).id;
	request = { categoryCode: 'SH-HWSR-01', urgency: '一般', departmentId: dept, note: '请于今日清运' };
});
afterAll(async () => {
	await t.cleanup();
});

const reported = () =>
	reportTestCase(t.db, at('2026-09-29T09:00'), {
		categoryCode: 'SH-HWSR-02',
		description: '路边暴露垃圾',
		address: '东兰路',
		beforePhotos: [photo]
	});
const events = (id: number) =>
	t.db
		.selectFrom('case_events')
		.select(['action', 'from_status', 'to_status', 'actor_id', 'at', 'note'])
		.where('case_id', '=', id)
		.orderBy('id')
		.execute();

describe('受理 + 立案 + 派遣 on one screen', () => {
	it('writes the three events at one instant, files the chosen category and sets the deadline it gives', async () => {
		const id = await reported();
		const before = (await getCaseRow(t.db, id))!;
		const r = await fastTrackCase(t.db, await actorOf(t.db, 'diaodu'), id, before.version, request, NOW);
		expect(r).toMatchObject({ ok: true, status: 'dispatched' });
		const after = (await getCaseRow(t.db, id))!;
		const limits = await limitsInForce(t.db, 'SH-HWSR-01', NOW);
		expect(after).toMatchObject({
			status: 'dispatched',
			category_code: 'SH-HWSR-01',
			department_id: request.departmentId,
			dispatched_at: NOW,
			version: before.version + 1
		});
		expect(after.deadline_at).toBe(computeDeadline(NOW, limits.handleLimit!, await loadCalendar(t.db)));
		const diaodu = t.users.get('diaodu');
		expect((await events(id)).slice(1)).toEqual([
			{ action: 'accept', from_status: 'reported', to_status: 'accepted', actor_id: diaodu, at: NOW, note: null },
			{ action: 'register', from_status: 'accepted', to_status: 'registered', actor_id: diaodu, at: NOW, note: null },
			{
				action: 'dispatch',
				from_status: 'registered',
				to_status: 'dispatched',
				actor_id: diaodu,
				at: NOW,
				note: '请于今日清运'
			}
		]);
		// The handler can take it from there, as after three separate steps.
		const signed = await applyCaseAction(
			t.db,
			await actorOf(t.db, 'shirong'),
			id,
			after.version,
			{ action: 'sign' },
			[],
			NOW + 60_000
		);
		expect(signed).toMatchObject({ ok: true, status: 'handling' });
		expect((await rebuildCounts(t.db, { write: false })).differences).toEqual([]);
	});

	it.each([
		['a handler', 'shirong', {}, 0, { status: 403, code: 'forbidden' }],
		['a stale form', 'diaodu', {}, -1, { status: 409, code: 'stale' }],
		[
			'an unknown department',
			'diaodu',
			{ departmentId: 99_999 },
			0,
			{ status: 400, code: 'unknown_department', field: 'departmentId' }
		],
		[
			'an unknown category',
			'diaodu',
			{ categoryCode: 'NOPE' },
			0,
			{ status: 400, code: 'unknown_category', field: 'categoryCode' }
		]
	] as const)('refuses %s and writes nothing', async (_, who, over, versionDelta, failure) => {
		const id = await reported();
		const before = { row: await getCaseRow(t.db, id), events: await events(id) };
		const r = await fastTrackCase(
			t.db,
			await actorOf(t.db, who),
			id,
			before.row!.version + versionDelta,
			{ ...request, ...over },
			NOW
		);
		expect(r).toEqual({ ok: false, ...failure });
		expect({ row: await getCaseRow(t.db, id), events: await events(id) }).toEqual(before);
	});

	it('refuses a case already accepted (the first step cannot be taken) and leaves it as it was', async () => {
		const id = await reported();
		const accepted = await applyCaseAction(
			t.db,
			await actorOf(t.db, 'diaodu'),
			id,
			(await getCaseRow(t.db, id))!.version,
			{ action: 'accept' },
			[],
			NOW
		);
		expect(accepted.ok).toBe(true);
		const before = { row: await getCaseRow(t.db, id), events: await events(id) };
		expect(await fastTrackCase(t.db, await actorOf(t.db, 'diaodu'), id, before.row!.version, request, NOW)).toEqual({
			ok: false,
			status: 400,
			code: 'not_allowed_in_state',
			step: 'accept'
		});
		expect({ row: await getCaseRow(t.db, id), events: await events(id) }).toEqual(before);
	});
});
