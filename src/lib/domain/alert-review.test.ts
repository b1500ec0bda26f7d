import { describe, expect, it } from 'vitest';
import { checkReview, ENFORCEMENT_TRACK, FALSE_ALARM_REASONS } from './alert-review';

describe('checkReview', () => {
	it('only a pending alert can be reviewed', () => {
		for (const s of ['false_alarm', 'case', 'enforcement', 'attached']) {
			expect(checkReview(s, { kind: 'false_alarm', reason: 'misdetected', note: '' }, null)).toBe('not_pending');
		}
	});
	it.each(FALSE_ALARM_REASONS.filter((r) => r !== 'other'))('false alarm with reason %s needs no note', (reason) => {
		expect(checkReview('pending', { kind: 'false_alarm', reason, note: '' }, null)).toBeNull();
	});
	it('false alarm: an unknown reason, or "other" without a note, is refused', () => {
		expect(checkReview('pending', { kind: 'false_alarm', reason: '', note: 'x' }, null)).toBe('reason_required');
		expect(checkReview('pending', { kind: 'false_alarm', reason: 'bored', note: 'x' }, null)).toBe('reason_required');
		expect(checkReview('pending', { kind: 'false_alarm', reason: 'other', note: '  ' }, null)).toBe('note_required');
		expect(checkReview('pending', { kind: 'false_alarm', reason: 'other', note: '施工围挡' }, null)).toBeNull();
	});
	it('a grid case needs a description, any category', () => {
		expect(checkReview('pending', { kind: 'case', categoryCode: 'SH-HWSR-01', description: ' ' }, 'grid')).toBe(
			'description_required'
		);
		expect(
			checkReview('pending', { kind: 'case', categoryCode: 'SH-HWSR-01', description: '暴露垃圾' }, 'grid')
		).toBeNull();
	});
	it('an enforcement case only for the enforcement-eligible categories', () => {
		expect(checkReview('pending', { kind: 'enforcement', categoryCode: 'SH-HWSR-01', description: 'x' }, 'grid')).toBe(
			'not_enforcement_category'
		);
		expect(checkReview('pending', { kind: 'enforcement', categoryCode: 'X', description: 'x' }, null)).toBe(
			'not_enforcement_category'
		);
		expect(
			checkReview('pending', { kind: 'enforcement', categoryCode: 'SH-JMZX-01', description: '' }, ENFORCEMENT_TRACK)
		).toBe('description_required');
		expect(
			checkReview(
				'pending',
				{ kind: 'enforcement', categoryCode: 'SH-JMZX-01', description: '流动摊贩' },
				ENFORCEMENT_TRACK
			)
		).toBeNull();
	});
});
