import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at } from '$lib/domain/fixtures/time';
import { actorOf, createTestDb, type TestDb } from '../../test-db';
import { seedAlert } from '../enforcement/fixtures';
import { reviewAlert } from './review';

// 人工复核 of camera alerts; the enforcement path is followed further in enforcement/enforcement.test.ts.
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(async () => {
	await t.cleanup();
});

const T0 = at('2026-09-29 10:00');

describe('alert review', () => {
	it('a false alarm is counted with its reason; a grid case carries the frames as photos', async () => {
		const diaodu = await actorOf(t.db, 'diaodu');
		const a1 = await seedAlert(t.db, { now: T0 });
		expect(
			await reviewAlert(t.db, diaodu, a1, 1, { kind: 'false_alarm', reason: 'misdetected', note: '' }, T0)
		).toEqual({ ok: true, kind: 'false_alarm' });
		expect(
			await t.db
				.selectFrom('alerts')
				.select(['status', 'false_reason', 'reviewed_by'])
				.where('id', '=', a1)
				.executeTakeFirst()
		).toEqual({ status: 'false_alarm', false_reason: 'misdetected', reviewed_by: diaodu.id });
		expect(
			await reviewAlert(t.db, diaodu, a1, 2, { kind: 'false_alarm', reason: 'misdetected', note: '' }, T0)
		).toMatchObject({ ok: false, status: 409 });

		const a2 = await seedAlert(t.db, { now: T0, capturedAt: T0 - 1000, categoryCode: 'SH-HWSR-01' });
		const r = await reviewAlert(
			t.db,
			diaodu,
			a2,
			1,
			{ kind: 'case', categoryCode: 'SH-HWSR-01', description: '垃圾满溢' },
			T0
		);
		expect(r).toMatchObject({ ok: true, kind: 'case' });
		const caseRow = await t.db
			.selectFrom('cases')
			.selectAll()
			.where('id', '=', r.ok ? r.caseId! : 0)
			.executeTakeFirstOrThrow();
		expect(caseRow).toMatchObject({ source: 'video', status: 'reported', category_code: 'SH-HWSR-01' });
		expect(await t.db.selectFrom('attachments').select('kind').where('case_id', '=', caseRow.id).execute()).toEqual([
			{ kind: 'before' },
			{ kind: 'before' }
		]);
	});

	it('an enforcement case only for 占道无证照经营 / 跨门营业; an officer cannot open grid cases', async () => {
		const a = await seedAlert(t.db, { now: T0, categoryCode: 'SH-HWSR-01' });
		expect(
			await reviewAlert(
				t.db,
				await actorOf(t.db, 'diaodu'),
				a,
				1,
				{ kind: 'enforcement', categoryCode: 'SH-HWSR-01', description: 'x' },
				T0
			)
		).toMatchObject({ ok: false, status: 400, code: 'not_enforcement_category' });
		expect(
			await reviewAlert(
				t.db,
				await actorOf(t.db, 'zhifa'),
				a,
				1,
				{ kind: 'false_alarm', reason: 'misdetected', note: '' },
				T0
			)
		).toMatchObject({ ok: false, status: 403 });
		const b = await seedAlert(t.db, { now: T0, capturedAt: T0 - 5000 });
		expect(
			await reviewAlert(
				t.db,
				await actorOf(t.db, 'zhifa'),
				b,
				1,
				{ kind: 'case', categoryCode: 'SH-JMZX-01', description: 'x' },
				T0
			)
		).toMatchObject({ ok: false, status: 403 });
		expect(
			await reviewAlert(
				t.db,
				await actorOf(t.db, 'wangge'),
				b,
				1,
				{ kind: 'false_alarm', reason: 'misdetected', note: '' },
				T0
			)
		).toMatchObject({ ok: false, status: 403 });
		expect(await t.db.selectFrom('alerts').select('status').where('id', 'in', [a, b]).execute()).toEqual([
			{ status: 'pending' },
			{ status: 'pending' }
		]);
	});
});
