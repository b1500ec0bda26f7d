// Form actions named after the steps of a workflow: one action per step, each handled by the page's
// one `act` with the step's name. The step list comes from the domain, so a new step gets its action.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { refill, text } from './form';

export function stepActions<S extends string, E extends RequestEvent, R>(
	steps: readonly S[],
	act: (event: E, step: S) => R
): Record<S, (event: E) => R> {
	return Object.fromEntries(steps.map((s) => [s, (event: E) => act(event, s)])) as Record<S, (event: E) => R>;
}

/** Why a step was refused: the HTTP status, a code the page names, the field it is about (else the form). */
export interface StepRefusal {
	ok: false;
	status: number;
	code: string;
	field?: string;
	detail?: Record<string, unknown>;
}

/**
 * One workflow step posted from a record's page: the fields re-fill the form when it is refused; the
 * version the person saw must come with it (a stale page must not overwrite anyone's work); the step's
 * own fields are parsed, then the service applies it. Done, the page is shown again with `?done=`.
 */
export async function postStep<S extends string, K extends string, C>(
	event: RequestEvent,
	step: S,
	spec: {
		fields: readonly K[];
		parse: (form: FormData) => { ok: true; command: C } | { ok: false; field: string; code: string };
		apply: (version: number, command: C, form: FormData) => Promise<{ ok: true } | StepRefusal>;
		done: string;
	}
) {
	const form = await event.request.formData();
	const values = Object.fromEntries(spec.fields.map((k) => [k, refill(text(form, k))])) as Record<K, string>;
	const versionText = text(form, 'version');
	if (!/^[1-9][0-9]{0,9}$/.test(versionText))
		return fail(400, { action: step, values, field: 'form', error: 'invalid' });
	const parsed = spec.parse(form);
	if (!parsed.ok) return fail(400, { action: step, values, field: parsed.field, error: parsed.code });
	const result = await spec.apply(Number(versionText), parsed.command, form);
	if (!result.ok)
		return fail(result.status, {
			action: step,
			values,
			field: result.field ?? 'form',
			error: result.code,
			detail: result.detail
		});
	redirect(303, spec.done);
}
