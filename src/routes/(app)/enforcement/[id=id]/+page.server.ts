import { m } from '$lib/paraglide/messages';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { EnforcementAction } from '$lib/domain/enforcement-status';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { fileToPhotoInput, MAX_PHOTOS_PER_EVENT, realFiles } from '$lib/server/photos';
import { findShopsToLink } from '$lib/server/services/shop-pages';
import { applyEnforcementAction } from '$lib/server/services/enforcement/actions';
import { loadEnforcementDetail } from '$lib/server/services/enforcement/detail';
import { parseEnforcementForm } from './commands';
import type { Actions, PageServerLoad } from './$types';
import { requireCan, requireActor } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const now = Date.now();
	const detail = await loadEnforcementDetail(db, actor, Number(event.params.id), now);
	if (detail === 'forbidden') error(403, m.err_forbidden());
	if (!detail) error(404, m.err_not_found());
	// 关联商户: a GET search beside the form, so the officer can find the shop by its 店招 or code; a shop
	// just registered for this case (`?shop=`, from /shops/new?from=) comes first and selected.
	const shopQ = (event.url.searchParams.get('shopQ') ?? '').trim().slice(0, 100);
	const pickedId = event.url.searchParams.get('shop') ?? '';
	const shops = detail.actions.includes('link_shop')
		? await findShopsToLink(db, shopQ, /^[1-9][0-9]{0,9}$/.test(pickedId) ? Number(pickedId) : null)
		: { hits: [], picked: null };
	return { ...detail, shopQ, shopHits: shops.hits, pickedShop: shops.picked, now };
};

async function act(event: RequestEvent, action: EnforcementAction) {
	const actor = requireCan(event, `enforcement.${action}`);
	const form = await event.request.formData();
	const values = {
		note: refill(text(form, 'note')),
		fine: text(form, 'fine'),
		amount: text(form, 'amount'),
		paidOn: text(form, 'paidOn'),
		method: text(form, 'method'),
		outcome: text(form, 'outcome')
	};
	const versionText = text(form, 'version');
	if (!/^[1-9][0-9]{0,9}$/.test(versionText)) return fail(400, { action, values, field: 'form', error: 'invalid' });
	const parsed = parseEnforcementForm(action, form);
	if (!parsed.ok) return fail(400, { action, values, field: parsed.field, error: parsed.code });
	const files = action === 'recheck' ? realFiles(form.getAll('photos')) : [];
	if (files.length > MAX_PHOTOS_PER_EVENT) return fail(400, { action, values, field: 'photos', error: 'too_many' });
	const photos = await Promise.all(files.map(fileToPhotoInput));
	const result = await applyEnforcementAction(
		getDb(),
		actor,
		Number(event.params.id),
		Number(versionText),
		parsed.input,
		photos,
		Date.now()
	);
	if (!result.ok) {
		const detail = result.status === 400 ? result.detail : undefined;
		return fail(result.status, { action, values, field: 'form', error: result.code, detail });
	}
	redirect(303, `/enforcement/${event.params.id}?done=${action}`);
}

const step = (action: EnforcementAction) => (event: RequestEvent) => act(event, action);

/** One named action per legal step (the type check fails when an EnforcementAction has none). */
export const actions = {
	link_shop: step('link_shop'),
	notify: step('notify'),
	recheck: step('recheck'),
	register: step('register'),
	confirm_party: step('confirm_party'),
	issue_notice: step('issue_notice'),
	record_statement: step('record_statement'),
	lapse_statement: step('lapse_statement'),
	decide: step('decide'),
	record_payment: step('record_payment'),
	close: step('close'),
	cancel: step('cancel')
} satisfies Actions & Record<EnforcementAction, unknown>;
