// What an enforcement case's event payload adds to its line in the timeline: the document, the method,
// the fines and the payment.
import { formatYuan } from '$lib/domain/enforcement-money';
import { enfMethodLabel, yuanLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { TimelineEvent } from '$lib/components/timeline-event';

const money = (v: unknown) => (typeof v === 'number' ? yuanLabel(formatYuan(v)) : null);

export function enforcementEventDetails(e: TimelineEvent): string[] {
	const p = e.payload;
	const lines: string[] = [];
	if (typeof p.documentNo === 'string') lines.push(`${m.enf_document_no()}：${p.documentNo}`);
	if (typeof p.method === 'string') lines.push(`${m.enf_field_method()}：${enfMethodLabel(p.method)}`);
	if (money(p.proposedFine)) lines.push(`${m.enf_fact_proposed_fine()}：${money(p.proposedFine)}`);
	if (money(p.fine) && e.action === 'decide') lines.push(`${m.enf_fact_fine()}：${money(p.fine)}`);
	if (e.action === 'record_payment')
		lines.push(
			m.enf_paid_line({ date: String(p.paidOn), total: money(p.total) ?? '', surcharge: money(p.surcharge) ?? '' })
		);
	return lines;
}
