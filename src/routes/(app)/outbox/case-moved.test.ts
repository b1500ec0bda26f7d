import { describe, expect, it } from 'vitest';
import { caseMovedText } from './case-moved';

describe('a held 核查 says how its case moved on', () => {
	it('back at 待核查: a new 处置反馈 arrived meanwhile (not "became 待核查")', () => {
		const text = caseMovedText({ code: 'W202509300001', status: 'feedback' });
		expect(text).toContain('新的处置反馈');
		expect(text).not.toContain('已变为');
	});
	it('any other status is named', () => {
		expect(caseMovedText({ code: 'W202509300001', status: 'checked' })).toBe(
			'案件 W202509300001 在你离线期间已变为“待结案”。'
		);
	});
});
