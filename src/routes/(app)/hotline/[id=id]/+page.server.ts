import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { HOTLINE_RETURN_REASONS, isHotlineStatus, type HotlineAction } from '$lib/domain/hotline-status';
import { judgeCompletion, judgeFirstContact } from '$lib/domain/hotline-timing';
import { hotlineActionsInState } from '$lib/domain/hotline-workflow';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { photosOf, refill, text } from '$lib/server/form';
import { getOrderDetail, listOrderAttachments, listOrderEvents } from '$lib/server/repositories/hotline-orders';
import { orderTypeName } from '$lib/labels';
import { listDepartments } from '$lib/server/repositories/reference';
import { toHotlineState } from '$lib/server/services/hotline-mapping';
import { applyHotlineAction } from '$lib/server/services/hotline/order-actions';
import { setOrderCommunity } from '$lib/server/services/hotline/order-community';
import { listCommunityNames } from '$lib/server/repositories/reference';
import { presentOrder } from '$lib/server/services/hotline/present';
import { orderCaseView } from '$lib/server/services/hotline/order-case-view';
import { listOrderCityUpdates } from '$lib/server/repositories/city-outbox';
import { listRepeatOrders } from '$lib/server/repositories/hotline-repeats';
import { parseHotlineCommand } from './commands';
import { joinCase, openCase } from './case-link-actions';
import type { Actions, PageServerLoad } from './$types';
import { orderDepartmentFilter, can } from '$lib/domain/access';
import { assertCan, requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'hotline.view');
	const db = getDb();
	const row = await getOrderDetail(db, Number(event.params.id));
	if (!row) error(404, m.err_not_found());
	assertCan(actor, 'hotline.view', { departmentId: row.department_id });
	const status = isHotlineStatus(row.status) ? row.status : 'completed';
	const actions = hotlineActionsInState(status).filter((a) =>
		can(actor, `hotline.${a}`, { departmentId: row.department_id })
	);
	const now = Date.now();
	const state = toHotlineState(row);
	const [events, evidence, departments, gridCase, cityUpdates, repeats] = await Promise.all([
		listOrderEvents(db, row.id),
		listOrderAttachments(db, row.id),
		actions.includes('assign') ? listDepartments(db) : Promise.resolve([]),
		orderCaseView(db, actor, row),
		listOrderCityUpdates(db, row.id),
		// A handler sees only their department's orders here too; the others are counted, not shown.
		listRepeatOrders(db, row, orderDepartmentFilter(actor))
	]);
	const communities = can(actor, 'hotline.set_community') ? await listCommunityNames(db) : null;
	return {
		order: { ...presentOrder(row, actor), order_type_label: orderTypeName(row.order_type) },
		judgements: { firstContact: judgeFirstContact(state, now), completion: judgeCompletion(state, now) },
		events: events.map((e) => ({ ...e, payload: e.payload ? (JSON.parse(e.payload) as Record<string, unknown>) : {} })),
		evidence,
		cityUpdates,
		repeats: { rows: repeats.rows.map((r) => presentOrder(r, actor)), hidden: repeats.hidden },
		actions,
		departments,
		communities,
		returnReasons: HOTLINE_RETURN_REASONS,
		gridCase,
		now
	};
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
