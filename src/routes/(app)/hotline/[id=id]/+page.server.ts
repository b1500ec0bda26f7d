import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { HOTLINE_ACTIONS, type HotlineAction } from '$lib/domain/hotline-status';
import { postStep, stepActions } from '$lib/server/step-actions';
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

const act = (event: RequestEvent, action: HotlineAction) => {
	const actor = requireCan(event, `hotline.${action}`);
	const now = Date.now();
	return postStep(event, action, {
		fields: [
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
		],
		parse: (form) => parseHotlineCommand(action, form, now),
		apply: async (version, command, form) => {
			const evidence = action === 'request_return' ? await photosOf(form, 'evidence') : [];
			return applyHotlineAction(getDb(), actor, Number(event.params.id), version, command, evidence, now);
		},
		done: `/hotline/${event.params.id}?done=${action}`
	});
};

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

/** One named action per step of the workflow (from the domain's list of steps), and three more; each re-checks permission, state and version in the service. */
export const actions = {
	...stepActions(HOTLINE_ACTIONS, act),
	open_case: openCase,
	join_case: joinCase,
	set_community: setCommunity
} satisfies Actions & Record<HotlineAction, unknown>;
