// What a grid case's event payload adds to its line in the timeline.
import { formatDeadline } from '$lib/domain/deadlines';
import { recordedApart } from '$lib/domain/field-submission';
import { shanghaiDateTime } from '$lib/domain/working-days';
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
		...(deadline ? [m.event_payload_deadline({ deadline: formatDeadline(deadline) })] : []),
		...onPhone(e)
	];
}

/** A 核查 sent later from the phone's outbox: when it was done on site (if it waited), and where. */
function onPhone(e: TimelineEvent): string[] {
	const p = e.payload;
	const lines = recordedApart(p.capturedAt, e.at) ? [`${m.ob_captured()} ${shanghaiDateTime(p.capturedAt)}`] : [];
	if (typeof p.lng === 'number' && typeof p.lat === 'number')
		lines.push(m.ob_captured_point({ lng: p.lng.toFixed(6), lat: p.lat.toFixed(6) }));
	return lines;
}
