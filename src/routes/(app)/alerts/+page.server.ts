import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { ENFORCEMENT_TRACK } from '$lib/domain/alert-review';
import { hasEnforcementCapability } from '$lib/domain/enforcement-permissions';
import { requireActor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listAlerts } from '$lib/server/repositories/alert-queue';
import type { PageServerLoad } from './$types';

const STATUSES = ['pending', 'false_alarm', 'case', 'enforcement', 'attached'];

/** 视频告警 复核队列. An officer sees the enforcement-eligible alerts only. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!hasEnforcementCapability(actor, 'review_alerts')) error(403, m.err_forbidden());
	const p = event.url.searchParams;
	const status = STATUSES.includes(p.get('status') ?? '') ? p.get('status')! : 'pending';
	const page = Math.max(1, Math.min(10_000, Number(p.get('page')) || 1));
	const list = await listAlerts(getDb(), { status, page, track: actor.role === 'enforcer' ? ENFORCEMENT_TRACK : undefined });
	return { ...list, status, statuses: STATUSES };
};
