// What a record page (a case, a 12345 order, an enforcement case, an alert) does with a failed
// action's answer: the action's own form shows it beside its fields; an action without a form on the
// page (a link, a button elsewhere) has it shown at the top.

/** A failed action as its form takes it: the error code, the values to fill in again, any detail. */
export interface ActionFailure {
	error: string;
	values: Record<string, string>;
	detail?: Record<string, unknown>;
}

type Answer = { action: string; error?: unknown; values?: unknown; detail?: unknown };

/** The failure of `action`, when the page's last answer is one. */
export function failureOf(form: Answer | null | undefined, action: string): ActionFailure | null {
	if (!form || form.action !== action) return null;
	return {
		error: String(form.error),
		values: (form.values ?? {}) as Record<string, string>,
		...(form.detail !== undefined ? { detail: form.detail as Record<string, unknown> } : {})
	};
}

/** The last answer, when it failed an action none of `formActions` (the page's forms) shows. */
export function pageFailure<F extends Answer>(form: F | null | undefined, formActions: readonly string[]): F | null {
	return form && !formActions.includes(form.action) ? form : null;
}
