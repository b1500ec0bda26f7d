// What a grid case's event payload adds to its line in the timeline.
import { formatDeadline } from '$lib/domain/deadlines';
import { returnReasonLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { TimelineEvent } from '$lib/components/timeline-event';

export function caseEventDetails(e: TimelineEvent): string[] {
	const p = e.payload;
	const deadline =
		typeof p.deadlineAt === 'number'
			? p.deadlineAt
			: typeof p.proposedDeadline === 'number'
				? p.proposedDeadline
				: null;
	return [
		...(typeof p.reasonCode === 'string' ? [`${m.field_reason_code()}：${returnReasonLabel(p.reasonCode)}`] : []),
		...(deadline ? [m.event_payload_deadline({ deadline: formatDeadline(deadline) })] : [])
	];
}
