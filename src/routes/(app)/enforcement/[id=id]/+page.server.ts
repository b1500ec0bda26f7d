import { m } from '$lib/paraglide/messages';
import { error, type RequestEvent } from '@sveltejs/kit';
import { ENFORCEMENT_ACTIONS, type EnforcementAction } from '$lib/domain/enforcement-status';
import { postStep, stepActions } from '$lib/server/step-actions';
import { getDb } from '$lib/server/db';
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

const act = (event: RequestEvent, action: EnforcementAction) => {
	const actor = requireCan(event, `enforcement.${action}`);
	return postStep(event, action, {
		fields: ['note', 'fine', 'amount', 'paidOn', 'method', 'outcome'],
		parse: (form) => parseEnforcementForm(action, form),
		apply: async (version, command, form) => {
			const files = action === 'recheck' ? realFiles(form.getAll('photos')) : [];
			if (files.length > MAX_PHOTOS_PER_EVENT) return { ok: false, status: 400, code: 'too_many', field: 'photos' };
			const photos = await Promise.all(files.map(fileToPhotoInput));
			return applyEnforcementAction(getDb(), actor, Number(event.params.id), version, command, photos, Date.now());
		},
		done: `/enforcement/${event.params.id}?done=${action}`
	});
};

/** One named action per step of the workflow (from the domain's list of steps); each re-checks permission, state and version in the service. */
export const actions = stepActions(ENFORCEMENT_ACTIONS, act) satisfies Actions & Record<EnforcementAction, unknown>;
