import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LimitForm } from '$lib/domain/category-limits';
import { listAudit } from '../repositories/audit';
import { limitsInForce, listLimitVersions } from '../repositories/category-limits';
import { getCategory } from '../repositories/reference';
import { createTestDb, type TestDb } from '../test-db';
import { createCategory, scheduleLimits, setCategoryActive, updateCategory, withdrawLimits } from './categories';

let t: TestDb;
let adminId: number;
const now = Date.parse('2026-11-27T10:00:00+08:00');
const DAY = 86_400_000;
beforeAll(async () => {
	t = await createTestDb();
	adminId = t.users.get('admin')!;
});
afterAll(() => t.cleanup());

const limits = (over: Partial<LimitForm>): LimitForm => ({
	noLimit: false,
	handleValue: '3',
	handleUnit: 'wd',
	efficientValue: '',
	efficientUnit: 'wd',
	effectiveFrom: now,
	...over
});
const CODE = 'SH-HWSR-01';

describe('limit versions', () => {
	it('a version from next month applies to cases filed from then; earlier instants keep the old limits', async () => {
		const before = await limitsInForce(t.db, CODE, now);
		const from = now + 5 * DAY;
		expect(await scheduleLimits(t.db, adminId, CODE, limits({ handleValue: '1', effectiveFrom: from }), now)).toEqual({
			ok: true,
			code: CODE
		});
		expect(await limitsInForce(t.db, CODE, now)).toEqual(before);
		expect(await limitsInForce(t.db, CODE, from - 1)).toEqual(before);
		expect(await limitsInForce(t.db, CODE, from)).toEqual({
			handleLimit: { value: 1, unit: 'wd' },
			efficientLimit: null
		});
		const entry = (await listAudit(t.db, { target: `category:${CODE}`, page: 1 })).rows[0];
		expect(entry).toMatchObject({ action: 'category.limits', actor_username: 'admin' });
		expect(entry.detail.handle).toEqual({
			from: `${before.handleLimit!.value} ${before.handleLimit!.unit}`,
			to: '1 wd'
		});
	});

	it('refuses a past effective time, a zero limit, a repeat of the limits in force and a second version at the same instant; nothing is written', async () => {
		const count = (await listLimitVersions(t.db, CODE)).length;
		expect(await scheduleLimits(t.db, adminId, CODE, limits({ effectiveFrom: now - DAY }), now)).toEqual({
			ok: false,
			errors: { effectiveFrom: 'effective_in_past' }
		});
		expect(await scheduleLimits(t.db, adminId, CODE, limits({ handleValue: '0' }), now)).toEqual({
			ok: false,
			errors: { handleValue: 'limit_zero' }
		});
		expect(
			await scheduleLimits(t.db, adminId, CODE, limits({ handleValue: '1', effectiveFrom: now + 6 * DAY }), now)
		).toEqual({ ok: false, errors: { handleValue: 'limits_unchanged' } });
		expect(
			await scheduleLimits(t.db, adminId, CODE, limits({ handleValue: '2', effectiveFrom: now + 5 * DAY }), now)
		).toEqual({ ok: false, errors: { effectiveFrom: 'version_exists' } });
		expect((await listLimitVersions(t.db, CODE)).length).toBe(count);
	});

	it('withdraws a version not yet in force, never one in force', async () => {
		const versions = await listLimitVersions(t.db, CODE);
		const future = versions.find((v) => v.effectiveFrom > now)!;
		const first = versions.find((v) => v.effectiveFrom === 0)!;
		expect(await withdrawLimits(t.db, adminId, CODE, first.id, now)).toEqual({
			ok: false,
			errors: { form: 'version_in_force' }
		});
		expect(await withdrawLimits(t.db, adminId, CODE, future.id, now)).toEqual({ ok: true, code: CODE });
		expect((await listLimitVersions(t.db, CODE)).map((v) => v.id)).toEqual(
			versions.filter((v) => v.id !== future.id).map((v) => v.id)
		);
	});
});

describe('categories', () => {
	it('adds a category with its first limits, edits its names at once, retires and restores it', async () => {
		const form = {
			code: 'sh-hwsr-06',
			kind: '事件',
			major: '环卫市容',
			minor: '占道晾晒',
			variant: '',
			aliases: '晾衣服、晒被子',
			urgency: '一般',
			closeCondition: '',
			track: 'grid',
			departmentId: null
		};
		expect(await createCategory(t.db, adminId, form, limits({ handleValue: '0' }), now)).toEqual({
			ok: false,
			errors: { handleValue: 'limit_zero' }
		});
		expect(await getCategory(t.db, 'SH-HWSR-06')).toBeNull();
		expect(await createCategory(t.db, adminId, form, limits({ handleValue: '4', handleUnit: 'wh' }), now)).toEqual({
			ok: true,
			code: 'SH-HWSR-06'
		});
		expect(await createCategory(t.db, adminId, form, limits({}), now)).toEqual({
			ok: false,
			errors: { code: 'category_code_taken' }
		});
		expect(await limitsInForce(t.db, 'SH-HWSR-06', now)).toEqual({
			handleLimit: { value: 4, unit: 'wh' },
			efficientLimit: null
		});
		expect(await limitsInForce(t.db, 'SH-HWSR-06', now - 1)).toEqual({ handleLimit: null, efficientLimit: null });

		expect(
			await updateCategory(
				t.db,
				adminId,
				'SH-HWSR-06',
				{ ...form, aliases: '晾衣服\n晒被褥', track: 'enforcement-eligible' },
				now
			)
		).toEqual({ ok: true, code: 'SH-HWSR-06' });
		expect(await getCategory(t.db, 'SH-HWSR-06')).toMatchObject({
			aliases: ['晾衣服', '晒被褥'],
			track: 'enforcement-eligible'
		});
		const entry = (await listAudit(t.db, { target: 'category:SH-HWSR-06', page: 1 })).rows[0];
		expect(entry).toMatchObject({
			action: 'category.update',
			detail: { track: { from: 'grid', to: 'enforcement-eligible' } }
		});

		expect(await setCategoryActive(t.db, adminId, 'SH-HWSR-06', false, now)).toEqual({ ok: true, code: 'SH-HWSR-06' });
		expect(await getCategory(t.db, 'SH-HWSR-06')).toBeNull();
		expect(await setCategoryActive(t.db, adminId, 'SH-HWSR-06', true, now)).toEqual({ ok: true, code: 'SH-HWSR-06' });
		expect(await getCategory(t.db, 'SH-HWSR-06')).not.toBeNull();
	});
});
