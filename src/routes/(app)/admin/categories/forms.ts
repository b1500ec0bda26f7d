import type { CategoryForm } from '$lib/domain/category-input';
import type { LimitForm } from '$lib/domain/category-limits';
import { optionalId, refill, text } from '$lib/server/form';

/** The category fields as typed (re-filled as they were when something is wrong). */
export function readCategoryForm(form: FormData): CategoryForm {
	return {
		code: refill(text(form, 'code'), 30),
		kind: text(form, 'kind'),
		major: refill(text(form, 'major'), 60),
		minor: refill(text(form, 'minor'), 60),
		variant: refill(text(form, 'variant'), 60),
		aliases: refill(text(form, 'aliases'), 2000),
		urgency: text(form, 'urgency'),
		closeCondition: refill(text(form, 'closeCondition'), 400),
		track: text(form, 'track'),
		departmentId: optionalId(form, 'departmentId')
	};
}

/** The typed limit fields, kept as text to re-fill the form. */
export function readLimitFields(form: FormData) {
	return {
		noLimit: text(form, 'noLimit') === '1',
		handleValue: refill(text(form, 'handleValue'), 20),
		handleUnit: text(form, 'handleUnit'),
		efficientValue: refill(text(form, 'efficientValue'), 20),
		efficientUnit: text(form, 'efficientUnit'),
		effectiveFrom: refill(text(form, 'effectiveFrom'), 30)
	};
}

/** `effectiveFrom` is a Beijing-time datetime-local ("2027-01-01T00:00"); blank means now. */
export function toLimitForm(f: ReturnType<typeof readLimitFields>, now: number): LimitForm {
	const s = f.effectiveFrom.trim();
	const effectiveFrom = !s ? now : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) ? Date.parse(`${s}:00+08:00`) : NaN;
	return {
		noLimit: f.noLimit,
		handleValue: f.handleValue,
		handleUnit: f.handleUnit,
		efficientValue: f.efficientValue,
		efficientUnit: f.efficientUnit,
		effectiveFrom
	};
}
