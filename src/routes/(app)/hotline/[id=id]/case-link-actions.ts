import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { num, optionalId, photosOf, refill, text } from '$lib/server/form';
import { joinOrderToCase, openCaseFromOrder, type LinkResult } from '$lib/server/services/hotline/order-to-case';
import { requireCan } from '$lib/server/auth/gate';

const VERSION = /^[1-9][0-9]{0,9}$/;

function answer(event: RequestEvent, action: 'open_case' | 'join_case', values: Record<string, string>, r: LinkResult) {
	if (!r.ok) {
		const errors = 'errors' in r && r.errors ? r.errors : {};
		const [field, code] = Object.entries(errors)[0] ?? ['form', r.code];
		return fail(r.status, { action, values, field, error: code, errors });
	}
	redirect(303, `/hotline/${event.params.id}?done=link_case`);
}

/** 转网格案件: the form carries the order's place, category and text, editable; the service checks the rest. */
export async function openCase(event: RequestEvent) {
	const actor = requireCan(event, 'hotline.link_case');
	const form = await event.request.formData();
	const values = Object.fromEntries(
		['categoryCode', 'description', 'address', 'lng', 'lat'].map((k) => [k, refill(text(form, k), 2000)])
	);
	const version = text(form, 'version');
	if (!VERSION.test(version))
		return fail(400, { action: 'open_case', values, field: 'form', error: 'invalid', errors: {} });
	const input = {
		categoryCode: values.categoryCode,
		description: values.description,
		address: values.address,
		lng: num(form, 'lng'),
		lat: num(form, 'lat'),
		photos: await photosOf(form, 'photos')
	};
	return answer(
		event,
		'open_case',
		values,
		await openCaseFromOrder(getDb(), actor, Number(event.params.id), Number(version), input, Date.now())
	);
}

/** 并入已有案件: the case chosen from the offered list (the service checks it is still one to join). */
export async function joinCase(event: RequestEvent) {
	const actor = requireCan(event, 'hotline.link_case');
	const form = await event.request.formData();
	const version = text(form, 'version');
	const caseId = optionalId(form, 'caseId');
	const values = { caseId: text(form, 'caseId').slice(0, 12) };
	if (!VERSION.test(version) || caseId === null)
		return fail(400, { action: 'join_case', values, field: 'form', error: 'invalid', errors: {} });
	return answer(
		event,
		'join_case',
		values,
		await joinOrderToCase(getDb(), actor, Number(event.params.id), Number(version), caseId, Date.now())
	);
}
