import { RETURN_REASONS, URGENCIES, type CaseAction, type ReturnReason, type Urgency } from '$lib/domain/case-status';
import type { CaseCommand } from '$lib/domain/case-workflow';
import { text } from '$lib/server/form';
import { dayEndField } from '$lib/server/form-dates';

const MAX_NOTE = 2000;
export type Parsed = { ok: true; command: CaseCommand } | { ok: false; field: string; code: string };

/** Reads one action's form into a workflow command; rules about content stay in the domain. */
export function parseCommand(action: CaseAction, form: FormData, photoCount: number): Parsed {
	const note = text(form, 'note');
	if (note.length > MAX_NOTE) return { ok: false, field: 'note', code: 'too_long' };
	const ok = (command: CaseCommand): Parsed => ({ ok: true, command });
	switch (action) {
		case 'accept':
		case 'sign':
		case 'approve_return':
		case 'approve_extension': {
			const approved = dayEndField(form, 'approvedDate');
			if (!approved.ok) return { ok: false, field: 'approvedDate', code: approved.code };
			return ok({ action, note, ...(approved.value === null ? {} : { approvedDeadline: approved.value }) });
		}
		case 'unpark':
		case 'close':
			return ok({ action, note });
		case 'void':
			// 作废 cannot be undone: the form asks for a tick, and a post without it changes nothing.
			if (text(form, 'confirm') !== 'yes') return { ok: false, field: 'confirm', code: 'confirm_required' };
			return ok({ action, reason: note });
		case 'park':
			return ok({ action, reason: note });
		case 'reject_return':
		case 'reject_extension':
		case 'supervise':
			return ok({ action, note });
		case 'feedback':
		case 'check_fail':
			return ok({ action, note, photoCount });
		case 'check_pass':
			return ok({ action, note, photoCount });
		case 'register': {
			const urgency = text(form, 'urgency');
			if (!(URGENCIES as readonly string[]).includes(urgency)) return { ok: false, field: 'urgency', code: 'invalid' };
			// The limits are filled in by the service from the chosen category.
			return ok({
				action,
				categoryCode: text(form, 'categoryCode'),
				urgency: urgency as Urgency,
				handleLimit: null,
				efficientLimit: null,
				note
			});
		}
		case 'dispatch': {
			const id = Number(text(form, 'departmentId'));
			if (!Number.isInteger(id) || id < 1) return { ok: false, field: 'departmentId', code: 'required' };
			return ok({ action, departmentId: id, note });
		}
		case 'request_return': {
			const reasonCode = text(form, 'reasonCode');
			if (!(RETURN_REASONS as readonly string[]).includes(reasonCode))
				return { ok: false, field: 'reasonCode', code: 'required' };
			return ok({ action, reasonCode: reasonCode as ReturnReason, note });
		}
		case 'request_extension': {
			const proposed = dayEndField(form, 'proposedDate');
			if (!proposed.ok) return { ok: false, field: 'proposedDate', code: proposed.code };
			if (proposed.value === null) return { ok: false, field: 'proposedDate', code: 'required' };
			return ok({ action, reason: note, proposedDeadline: proposed.value });
		}
	}
}
