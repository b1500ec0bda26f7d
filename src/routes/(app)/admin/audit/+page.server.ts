import { addDays, isValidDate, shanghaiMidnight } from '$lib/domain/working-days';
import { getDb } from '$lib/server/db';
import { readAuditPage } from '$lib/server/services/audit-log';
import type { PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

const date = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) && isValidDate(s) ? s : '');

/** The audit log is the admin's; filters are GET parameters (a filtered view is a shareable URL). */
export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	const p = event.url.searchParams;
	const filters = {
		action: (p.get('action') ?? '').slice(0, 60),
		actor: /^[1-9]\d{0,8}$/.test(p.get('actor') ?? '') ? Number(p.get('actor')) : 0,
		from: date(p.get('from')),
		to: date(p.get('to')),
		page: /^[1-9]\d{0,5}$/.test(p.get('page') ?? '') ? Number(p.get('page')) : 1
	};
	const result = await readAuditPage(getDb(), {
		action: filters.action || undefined,
		actorId: filters.actor || undefined,
		fromMs: filters.from ? shanghaiMidnight(filters.from) : undefined,
		toMs: filters.to ? shanghaiMidnight(addDays(filters.to, 1)) : undefined,
		page: filters.page
	});
	return { ...result, filters };
};
