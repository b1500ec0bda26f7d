import type { AccountForm } from '$lib/domain/account-input';
import { optionalId, refill, text } from '$lib/server/form';

/** The account form's fields as typed (re-filled as they were when something is wrong). */
export function readAccountForm(form: FormData): AccountForm {
	return {
		username: refill(text(form, 'username'), 64),
		displayName: refill(text(form, 'displayName'), 80),
		role: text(form, 'role'),
		areaId: optionalId(form, 'areaId'),
		communityId: optionalId(form, 'communityId'),
		departmentId: optionalId(form, 'departmentId')
	};
}
