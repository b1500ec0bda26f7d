import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '$lib/components/timeline-event';
import { caseEventDetails } from './event-details';

const AT = Date.parse('2025-09-30T11:00:00+08:00');
const check = (payload: Record<string, unknown>): TimelineEvent => ({
	id: 1,
	at: AT,
	action: 'check_pass',
	from_status: 'feedback',
	to_status: 'checked',
	note: null,
	actor_name: '李网格',
	payload
});

describe('a 核查 sent from the phone in the timeline', () => {
	it('says when and where it was done on site when it waited on the phone', () => {
		const lines = caseEventDetails(check({ capturedAt: AT - 3 * 3600_000, lng: 121.37792, lat: 31.15505 }));
		expect(lines).toEqual(['现场记录 2025-09-30 08:00', '现场位置 121.377920, 31.155050']);
	});
	it('adds no time for a 核查 sent at once, and nothing for one made at a desk', () => {
		expect(caseEventDetails(check({ capturedAt: AT - 20_000 }))).toEqual([]);
		expect(caseEventDetails(check({}))).toEqual([]);
	});
});
