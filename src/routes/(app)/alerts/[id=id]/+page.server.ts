import { m } from '$lib/paraglide/messages';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { ReviewDecision } from '$lib/domain/alert-review';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { loadAlertReview } from '$lib/server/services/alerts/queue';
import { reviewAlert } from '$lib/server/services/alerts/review';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'alerts.review');
	const found = await loadAlertReview(getDb(), actor, Number(event.params.id));
	if (!found) error(404, m.err_not_found());
	return found;
};

async function review(event: RequestEvent, kind: ReviewDecision['kind']) {
	const actor = requireCan(event, 'alerts.review');
	const form = await event.request.formData();
	const values = {
		reason: text(form, 'reason'),
		note: refill(text(form, 'note')),
		categoryCode: text(form, 'categoryCode'),
		description: refill(text(form, 'description'))
	};
	const versionText = text(form, 'version');
	if (!/^[1-9][0-9]{0,9}$/.test(versionText)) return fail(400, { action: kind, values, error: 'invalid' });
	if (values.note.length > 2000 || values.description.length > 2000)
		return fail(400, { action: kind, values, error: 'too_long' });
	const decision: ReviewDecision =
		kind === 'false_alarm'
			? { kind, reason: values.reason, note: values.note }
			: { kind, categoryCode: values.categoryCode, description: values.description };
	const r = await reviewAlert(getDb(), actor, Number(event.params.id), Number(versionText), decision, Date.now());
	if (!r.ok) {
		const first = r.status === 400 && r.errors ? Object.values(r.errors)[0] : undefined;
		return fail(r.status, { action: kind, values, error: first ?? r.code });
	}
	if (r.kind === 'enforcement') redirect(303, `/enforcement/${r.enforcementId}?done=open`);
	if (r.kind === 'case') redirect(303, `/cases/${r.caseId}`);
	redirect(303, `/alerts/${event.params.id}?done=false_alarm`);
}

export const actions: Actions = {
	false_alarm: (event) => review(event, 'false_alarm'),
	case: (event) => review(event, 'case'),
	enforcement: (event) => review(event, 'enforcement')
};
