// A 核查 goes through the phone's outbox like a report: kept first, sent once per key, and kept
// with the reason when the case moved on meanwhile. Browser only.
import { goto } from '$app/navigation';
import { recordFieldWork } from '$lib/outbox/record';

export interface CheckContext {
	caseId: number;
	caseCode: string;
	username: string;
}

export async function recordCheck(
	action: 'check_pass' | 'check_fail',
	version: number,
	ctx: CheckContext,
	form: FormData
): Promise<{ error?: string }> {
	const r = await recordFieldWork({
		kind: action,
		username: ctx.username,
		title: ctx.caseCode,
		form,
		fieldNames: ['note', 'lng', 'lat'],
		photoFields: ['photos'],
		caseId: ctx.caseId,
		version
	});
	if (r.kind === 'sent') {
		await goto(`/cases/${ctx.caseId}?done=${action}`, { invalidateAll: true });
		return {};
	}
	if (r.kind === 'invalid') return { error: Object.values(r.errors)[0] ?? r.reason };
	if (r.kind === 'not_saved') return { error: r.reason };
	// Kept on the phone: the case page says so in place of the 核查 forms (KeptCheck), with the reason.
	return {};
}
