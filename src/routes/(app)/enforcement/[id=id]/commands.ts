import { parseYuan } from '$lib/domain/enforcement-money';
import type { EnforcementAction } from '$lib/domain/enforcement-status';
import { CONFIRM_METHODS, type ConfirmMethod } from '$lib/domain/enforcement-workflow';
import type { EnforcementInput } from '$lib/server/services/enforcement/actions';
import { text } from '$lib/server/form';

const MAX_NOTE = 2000;
export type Parsed = { ok: true; command: EnforcementInput } | { ok: false; field: string; code: string };

/** Reads one step's form into a command; amounts are typed in 元 and kept in 分. */
export function parseEnforcementForm(action: EnforcementAction, form: FormData): Parsed {
	const note = text(form, 'note');
	if (note.length > MAX_NOTE) return { ok: false, field: 'note', code: 'too_long' };
	const ok = (command: EnforcementInput): Parsed => ({ ok: true, command });
	const money = (field: string): number | null => parseYuan(text(form, field));
	switch (action) {
		case 'link_shop': {
			const id = Number(text(form, 'shopId'));
			return Number.isInteger(id) && id > 0
				? ok({ action, shopId: id })
				: { ok: false, field: 'shopId', code: 'required' };
		}
		case 'notify':
			return ok({ action });
		case 'recheck': {
			const outcome = text(form, 'outcome');
			if (outcome !== 'corrected' && outcome !== 'not_corrected')
				return { ok: false, field: 'outcome', code: 'required' };
			return ok({ action, corrected: outcome === 'corrected', note, photoCount: 0 });
		}
		case 'register':
		case 'close':
			return ok({ action, note });
		case 'confirm_party': {
			const method = text(form, 'method');
			if (!(CONFIRM_METHODS as readonly string[]).includes(method))
				return { ok: false, field: 'method', code: 'required' };
			return ok({ action, method: method as ConfirmMethod, note });
		}
		case 'issue_notice': {
			const fine = money('fine');
			return fine === null ? { ok: false, field: 'fine', code: 'invalid_amount' } : ok({ action, proposedFine: fine });
		}
		case 'record_statement':
			return ok({ action, statement: note });
		case 'lapse_statement':
			return ok({ action });
		case 'decide': {
			const fine = money('fine');
			return fine === null ? { ok: false, field: 'fine', code: 'invalid_amount' } : ok({ action, fine, note });
		}
		case 'record_payment': {
			const amount = money('amount');
			if (amount === null) return { ok: false, field: 'amount', code: 'invalid_amount' };
			const paidOn = text(form, 'paidOn').trim();
			return paidOn ? ok({ action, amount, paidOn }) : { ok: false, field: 'paidOn', code: 'required' };
		}
		case 'cancel':
			// 撤销 cannot be undone: the form asks for a tick, and a post without it changes nothing.
			if (text(form, 'confirm') !== 'yes') return { ok: false, field: 'confirm', code: 'confirm_required' };
			return ok({ action, reason: note });
	}
}
