import { describe, expect, it } from 'vitest';
import { checkLimitForm, EFFECTIVE_GRACE_MS, limitsAt, sameLimits, type LimitForm } from './category-limits';

const T = Date.parse('2026-11-27T10:00:00+08:00');
const v = (effectiveFrom: number, value: number) => ({
	effectiveFrom,
	handleLimit: { value, unit: 'wd' as const },
	efficientLimit: null
});

describe('limitsAt', () => {
	const versions = [v(0, 5), v(T, 3), v(T + 86_400_000, 2)];
	it('gives the version that started last at or before the instant; a version starts at its instant exactly', () => {
		expect(limitsAt(versions, T - 1)?.handleLimit?.value).toBe(5);
		expect(limitsAt(versions, T)?.handleLimit?.value).toBe(3);
		expect(limitsAt(versions, T + 86_400_000 - 1)?.handleLimit?.value).toBe(3);
		expect(limitsAt(versions, T + 86_400_000)?.handleLimit?.value).toBe(2);
	});
	it('does not depend on the order versions are listed in, and has nothing before the first', () => {
		expect(limitsAt([...versions].reverse(), T + 5)?.handleLimit?.value).toBe(3);
		expect(limitsAt([v(T, 3)], T - 1)).toBeNull();
	});
});

const form = (over: Partial<LimitForm>): LimitForm => ({
	noLimit: false,
	handleValue: '3',
	handleUnit: 'wd',
	efficientValue: '',
	efficientUnit: 'wd',
	effectiveFrom: T,
	...over
});

describe('checkLimitForm', () => {
	it('accepts a limit from now or later, with the efficient limit left to its default', () => {
		expect(checkLimitForm(form({}), T)).toEqual({
			ok: true,
			value: { effectiveFrom: T, handleLimit: { value: 3, unit: 'wd' }, efficientLimit: null }
		});
		expect(
			checkLimitForm(form({ handleValue: '0.5', handleUnit: 'h24', efficientValue: '0.5', efficientUnit: 'h24' }), T)
		).toMatchObject({ ok: true, value: { efficientLimit: { value: 0.5, unit: 'h24' } } });
	});
	it('refuses a limit of zero, a wrong number, a fraction of a working day and a typo-sized limit', () => {
		expect(checkLimitForm(form({ handleValue: '0' }), T)).toEqual({ ok: false, errors: { handleValue: 'limit_zero' } });
		expect(checkLimitForm(form({ handleValue: '-1' }), T)).toEqual({
			ok: false,
			errors: { handleValue: 'invalid_number' }
		});
		expect(checkLimitForm(form({ handleValue: '1.5' }), T)).toEqual({
			ok: false,
			errors: { handleValue: 'limit_granularity' }
		});
		expect(checkLimitForm(form({ handleValue: '300' }), T)).toEqual({
			ok: false,
			errors: { handleValue: 'limit_too_large' }
		});
		expect(checkLimitForm(form({ handleValue: '' }), T)).toEqual({ ok: false, errors: { handleValue: 'required' } });
		expect(checkLimitForm(form({ handleUnit: 'weeks' }), T)).toEqual({ ok: false, errors: { handleUnit: 'invalid' } });
	});
	it('refuses an efficient limit longer than the handling limit in the same unit', () => {
		expect(checkLimitForm(form({ efficientValue: '4' }), T)).toEqual({
			ok: false,
			errors: { efficientValue: 'efficient_over_handle' }
		});
		expect(checkLimitForm(form({ efficientValue: '0' }), T)).toEqual({
			ok: false,
			errors: { efficientValue: 'limit_zero' }
		});
	});
	it('refuses an effective time in the past (filed cases keep their limits); a few minutes back counts as now', () => {
		expect(checkLimitForm(form({ effectiveFrom: T - EFFECTIVE_GRACE_MS - 1 }), T)).toEqual({
			ok: false,
			errors: { effectiveFrom: 'effective_in_past' }
		});
		expect(checkLimitForm(form({ effectiveFrom: T - 60_000 }), T)).toMatchObject({
			ok: true,
			value: { effectiveFrom: T }
		});
		expect(checkLimitForm(form({ effectiveFrom: NaN }), T)).toEqual({
			ok: false,
			errors: { effectiveFrom: 'invalid_date' }
		});
	});
	it('takes "no limit" without values', () => {
		expect(checkLimitForm(form({ noLimit: true, handleValue: '' }), T)).toEqual({
			ok: true,
			value: { effectiveFrom: T, handleLimit: null, efficientLimit: null }
		});
	});
});

describe('sameLimits', () => {
	it('compares values and units, null with null', () => {
		expect(sameLimits(v(0, 3), v(T, 3))).toBe(true);
		expect(sameLimits(v(0, 3), v(T, 2))).toBe(false);
		expect(sameLimits({ handleLimit: null, efficientLimit: null }, { handleLimit: null, efficientLimit: null })).toBe(
			true
		);
		expect(sameLimits(v(0, 3), { handleLimit: { value: 3, unit: 'wh' }, efficientLimit: null })).toBe(false);
	});
});
