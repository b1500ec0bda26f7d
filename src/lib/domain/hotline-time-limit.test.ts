import { describe, expect, it } from 'vitest';
import { parseDueText, parseLimitText, readTimeLimit } from './hotline-time-limit';

const at = (s: string) => Date.parse(`${s.replace(' ', 'T')}+08:00`);

describe('parseLimitText: 办理时限 as 12345 exports write it', () => {
	it.each([
		['15个工作日', { value: 15, unit: 'wd' }],
		['3个工作日', { value: 3, unit: 'wd' }],
		['5 个工作日', { value: 5, unit: 'wd' }],
		['１５个工作日', { value: 15, unit: 'wd' }],
		['十五个工作日', { value: 15, unit: 'wd' }],
		['三个工作日内', { value: 3, unit: 'wd' }],
		['24小时', { value: 24, unit: 'h24' }],
		['48 小时以内', { value: 48, unit: 'h24' }],
		['2天', { value: 48, unit: 'h24' }],
		['2个自然日', { value: 48, unit: 'h24' }],
		['4个工作时', { value: 4, unit: 'wh' }],
		['2工作小时', { value: 2, unit: 'wh' }],
		['5 working days', { value: 5, unit: 'wd' }]
	] as const)('%s → %o', (text, limit) => {
		expect(parseLimitText(text)).toEqual(limit);
	});

	it.each(['尽快', '', '工作日', '0个工作日', '1.5个工作日', '61个工作日', '15', '15个月', '马上办'])(
		'%s → null (not a limit we can count)',
		(text) => {
			expect(parseLimitText(text)).toBeNull();
		}
	);
});

describe('parseDueText: 截止时间 in Asia/Shanghai', () => {
	it.each([
		['2026-12-20 17:00', at('2026-12-20 17:00:00')],
		['2026/12/20 17:00:30', at('2026-12-20 17:00:30')],
		['2026-12-20', at('2026-12-21 00:00:00')],
		['2026-12-20 24:00', at('2026-12-21 00:00:00')],
		['2026-12-20 23:59:59', at('2026-12-21 00:00:00')],
		['2026年12月20日', at('2026-12-21 00:00:00')],
		['2026-02-30', null],
		['2026-12-20 25:00', null],
		['1999-12-31', null],
		['下周一', null]
	] as const)('%s', (text, expected) => {
		expect(parseDueText(text)).toBe(expected);
	});
});

describe('readTimeLimit', () => {
	it('a duration, an instant some platforms write in the limit column, or unreadable', () => {
		expect(readTimeLimit('15个工作日')).toEqual({ kind: 'limit', limit: { value: 15, unit: 'wd' } });
		expect(readTimeLimit('2026-12-20 17:00')).toEqual({ kind: 'due', at: at('2026-12-20 17:00:00') });
		expect(readTimeLimit('尽快')).toEqual({ kind: 'unreadable' });
	});
});
