import { describe, expect, it } from 'vitest';
import {
	appealSentence,
	chineseNumber,
	DEFAULT_APPEAL_ROUTES,
	readAppealRoutes,
	validateAppealRoutes
} from './enforcement-appeal';

const form = (over: Partial<Record<'reviewOrgan' | 'reviewDays' | 'court' | 'litigationMonths', string>> = {}) => ({
	reviewOrgan: '上海市闵行区人民政府',
	reviewDays: '60',
	court: '上海市闵行区人民法院',
	litigationMonths: '6',
	...over
});

describe('validateAppealRoutes', () => {
	it('accepts an organ and a court with the law’s periods, spaces and full-width forms tidied', () => {
		expect(
			validateAppealRoutes(form({ reviewOrgan: ' 上海市闵行区 人民政府 ', reviewDays: '９０'.normalize('NFKC') }))
		).toEqual({
			ok: true,
			value: { reviewOrgan: '上海市闵行区人民政府', reviewDays: 90, court: '上海市闵行区人民法院', litigationMonths: 6 }
		});
	});

	it.each([
		[{ reviewOrgan: '' }, { reviewOrgan: 'required' }],
		[{ reviewOrgan: '张三' }, { reviewOrgan: 'not_an_organ' }],
		[{ reviewOrgan: '上'.repeat(58) + '人民政府' }, { reviewOrgan: 'too_long' }],
		[{ court: '上海市闵行区人民政府' }, { court: 'not_a_court' }],
		[{ court: '   ' }, { court: 'required' }],
		[{ reviewDays: '30' }, { reviewDays: 'out_of_range' }], // the law gives at least sixty days
		[{ reviewDays: '60.5' }, { reviewDays: 'out_of_range' }],
		[{ reviewDays: '' }, { reviewDays: 'required' }],
		[{ litigationMonths: '3' }, { litigationMonths: 'out_of_range' }],
		[{ litigationMonths: '-6' }, { litigationMonths: 'out_of_range' }],
		[{ litigationMonths: '六' }, { litigationMonths: 'out_of_range' }]
	])('refuses %j', (over, errors) => {
		expect(validateAppealRoutes(form(over))).toEqual({ ok: false, errors });
	});

	it('reads stored settings back, and falls back to the defaults when they are missing or no longer valid', () => {
		expect(readAppealRoutes(undefined)).toEqual(DEFAULT_APPEAL_ROUTES);
		expect(readAppealRoutes({ ...DEFAULT_APPEAL_ROUTES, reviewDays: 10 })).toEqual(DEFAULT_APPEAL_ROUTES);
		expect(readAppealRoutes({ ...DEFAULT_APPEAL_ROUTES, court: '上海铁路运输法院' }).court).toBe('上海铁路运输法院');
	});
});

it('writes periods in Chinese numerals and names both routes in the 决定书 sentence', () => {
	expect([6, 10, 15, 60, 90, 105, 365].map(chineseNumber)).toEqual([
		'六',
		'十',
		'十五',
		'六十',
		'九十',
		'一百零五',
		'三百六十五'
	]);
	expect(appealSentence(DEFAULT_APPEAL_ROUTES)).toBe(
		'如不服本决定，可以在收到本决定书之日起六十日内向上海市闵行区人民政府申请行政复议，或者在六个月内依法向上海市闵行区人民法院提起行政诉讼。申请行政复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外。'
	);
});
