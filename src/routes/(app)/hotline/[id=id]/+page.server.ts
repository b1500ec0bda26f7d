import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { HotlineAction } from '$lib/domain/hotline-status';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { photosOf, refill, text } from '$lib/server/form';
import { applyHotlineAction } from '$lib/server/services/hotline/order-actions';
import { loadOrderPage } from '$lib/server/services/hotline/order-page';
import { setOrderCommunity } from '$lib/server/services/hotline/order-community';
import { parseHotlineCommand } from './commands';
import { joinCase, openCase } from './case-link-actions';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'hotline.view');
	const page = await loadOrderPage(getDb(), actor, Number(event.params.id), Date.now());
	if (!page) error(404, m.err_not_found());
	return page;
};

async function act(event: RequestEvent, action: HotlineAction) {
	const actor = requireCan(event, `hotline.${action}`);
	const form = await event.request.formData();
	const versionText = text(form, 'version');
	const values = Object.fromEntries(
		[
			'note',
			'departmentId',
			'outcome',
			'method',
			'at',
			'resolved',
			'reasonCode',
			'proposedDate',
			'approvedDate',
			'satisfaction'
		].map((k) => [k, refill(text(form, k))])
	);
	if (!/^[1-9][0-9]{0,9}$/.test(versionText)) return fail(400, { action, values, field: 'form', error: 'invalid' });
	const now = Date.now();
	const parsed = parseHotlineCommand(action, form, now);
	if (!parsed.ok) return fail(400, { action, values, field: parsed.field, error: parsed.code });
	const evidence = action === 'request_return' ? await photosOf(form, 'evidence') : [];
	const result = await applyHotlineAction(
		getDb(),
		actor,
		Number(event.params.id),
		Number(versionText),
		parsed.command,
		evidence,
		now
	);
	if (!result.ok)
		return fail(result.status, {
			action,
			values,
			field: 'field' in result ? (result.field ?? 'form') : 'form',
			error: result.code
		});
	redirect(303, `/hotline/${event.params.id}?done=${action}`);
}

/** 居民区 set or corrected by the dispatcher (待定 after an import): not a workflow step, the status stays. */
async function setCommunity(event: RequestEvent) {
	const actor = requireCan(event, 'hotline.set_community');
	const form = await event.request.formData();
	const versionText = text(form, 'version');
	const communityText = text(form, 'communityId');
	const values = { communityId: refill(communityText, 12) };
	if (!/^[1-9][0-9]{0,9}$/.test(versionText))
		return fail(400, { action: 'set_community', values, field: 'form', error: 'invalid' });
	if (!/^[1-9][0-9]{0,9}$/.test(communityText))
		return fail(400, { action: 'set_community', values, field: 'communityId', error: 'required' });
	const result = await setOrderCommunity(
		getDb(),
		actor,
		Number(event.params.id),
		Number(versionText),
		Number(communityText),
		Date.now()
	);
	if (!result.ok)
		return fail(result.status, { action: 'set_community', values, field: 'communityId', error: result.code });
	redirect(303, `/hotline/${event.params.id}?done=set_community`);
}

const step = (action: HotlineAction) => (event: RequestEvent) => act(event, action);

/** One named action per step of the order workflow (the type check fails when a HotlineAction has none), and three more. */
export const actions = {
	assign: step('assign'),
	sign: step('sign'),
	first_contact: step('first_contact'),
	reply: step('reply'),
	request_return: step('request_return'),
	approve_return: step('approve_return'),
	reject_return: step('reject_return'),
	request_extension: step('request_extension'),
	approve_extension: step('approve_extension'),
	reject_extension: step('reject_extension'),
	supervise: step('supervise'),
	evaluate: step('evaluate'),
	open_case: openCase,
	join_case: joinCase,
	set_community: setCommunity
} satisfies Actions & Record<HotlineAction, unknown>;
