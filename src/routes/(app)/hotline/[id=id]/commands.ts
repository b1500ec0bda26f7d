import {
	CONTACT_METHODS,
	CONTACT_OUTCOMES,
	HOTLINE_RETURN_REASONS,
	SATISFACTION,
	type HotlineAction
} from '$lib/domain/hotline-status';
import { isOneOf } from '$lib/domain/one-of';
import type { HotlineCommand } from '$lib/domain/hotline-workflow';
import { parseShanghaiDateTime } from '$lib/domain/working-days';
import { text } from '$lib/server/form';
import { dayEndField } from '$lib/server/form-dates';

const MAX_NOTE = 4000;
export type ParsedHotline = { ok: true; command: HotlineCommand } | { ok: false; field: string; code: string };

/** Reads one action's form into a workflow command; the rules about content live in the domain. */
export function parseHotlineCommand(action: HotlineAction, form: FormData, now: number): ParsedHotline {
	const note = text(form, 'note');
	if (note.length > MAX_NOTE) return { ok: false, field: 'note', code: 'too_long' };
	const ok = (command: HotlineCommand): ParsedHotline => ({ ok: true, command });
	switch (action) {
		case 'sign':
		case 'approve_return':
			return ok({ action, note });
		case 'approve_extension': {
			const approved = dayEndField(form, 'approvedDate');
			if (!approved.ok) return { ok: false, field: 'approvedDate', code: approved.code };
			return ok({ action, note, ...(approved.value === null ? {} : { approvedDeadline: approved.value }) });
		}
		case 'reject_return':
		case 'reject_extension':
		case 'supervise':
			return ok({ action, note });
		case 'assign': {
			const id = Number(text(form, 'departmentId'));
			if (!Number.isInteger(id) || id < 1) return { ok: false, field: 'departmentId', code: 'required' };
			return ok({ action, departmentId: id, note });
		}
		case 'first_contact': {
			const outcome = text(form, 'outcome');
			if (!isOneOf(CONTACT_OUTCOMES, outcome)) return { ok: false, field: 'outcome', code: 'required' };
			const minute = parseShanghaiDateTime(text(form, 'at').trim());
			if (minute === null) return { ok: false, field: 'at', code: 'invalid_date' };
			// The form gives minutes: '14:05' means during 14:05, so a contact typed in the minute of
			// 签收 is not "before" it; never later than now.
			const at = Math.min(minute + 59_999, now);
			const method = text(form, 'method');
			return ok({ action, at, outcome, method: isOneOf(CONTACT_METHODS, method) ? method : null, summary: note });
		}
		case 'reply': {
			const resolved = text(form, 'resolved');
			if (resolved !== 'yes' && resolved !== 'no') return { ok: false, field: 'resolved', code: 'required' };
			return ok({ action, resolved: resolved === 'yes', text: note });
		}
		case 'request_return': {
			const reasonCode = text(form, 'reasonCode');
			if (!isOneOf(HOTLINE_RETURN_REASONS, reasonCode)) return { ok: false, field: 'reasonCode', code: 'required' };
			return ok({ action, reasonCode, note, evidenceCount: 0 });
		}
		case 'request_extension': {
			const proposed = dayEndField(form, 'proposedDate');
			if (!proposed.ok) return { ok: false, field: 'proposedDate', code: proposed.code };
			if (proposed.value === null) return { ok: false, field: 'proposedDate', code: 'required' };
			return ok({ action, reason: note, proposedDeadline: proposed.value });
		}
		case 'evaluate': {
			const satisfaction = text(form, 'satisfaction');
			if (!isOneOf(SATISFACTION, satisfaction)) return { ok: false, field: 'satisfaction', code: 'required' };
			return ok({ action, satisfaction, resolvedConfirmed: text(form, 'resolvedConfirmed') === 'yes', note });
		}
	}
}
