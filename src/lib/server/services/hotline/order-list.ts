// The 12345 order list, on screen and as a file: the same filters, the same masking of personal data.
import { can, type Actor } from '$lib/domain/access';
import { formatDeadline } from '$lib/domain/deadlines';
import { planOrderSearch } from '$lib/domain/hotline-search';
import { shanghaiDateTime } from '$lib/domain/working-days';
import { hotlineStatusLabel, orderTypeName } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../../db/create-database';
import { iterateOrders, listOrders, type HotlineFilters } from '../../repositories/hotline-order-lists';
import { orderTypeLabel } from '../../repositories/hotline-reference';
import { presentOrder } from './present';

export type { HotlineFilters };

export async function loadOrderList(db: Db, actor: Actor, f: HotlineFilters, now: number) {
	const result = await listOrders(db, actor, f, now);
	return {
		...result,
		rows: result.rows.map((r) => ({ ...presentOrder(r, actor), order_type_label: orderTypeName(r.order_type) })),
		queue: f.queue,
		q: f.q ?? '',
		repeat: f.repeat ?? false,
		// Why a phone-like search did not look at phones (the list repository plans the same way).
		searchNotice: f.q ? planOrderSearch(f.q, can(actor, 'hotline.search_personal_data')).notice : null,
		now,
		can: {
			import: can(actor, 'hotline.import'),
			create: can(actor, 'hotline.create'),
			export: can(actor, 'hotline.export'),
			searchPersonal: can(actor, 'hotline.search_personal_data')
		}
	};
}

const time = (ms: number | null) => (ms === null ? '' : shanghaiDateTime(ms));

/**
 * The export's rows, read as the screen reads: the status by its name (已办结, not `completed`) and a
 * deadline at the end of a day as '24:00' of that day; masked as on screen (the export is personal data too).
 */
export async function* exportOrderRows(db: Db, actor: Actor, f: HotlineFilters, now: number) {
	for await (const raw of iterateOrders(db, actor, f, now)) {
		const r = presentOrder(raw, actor);
		yield [
			r.order_no,
			r.channel,
			orderTypeLabel(r.order_type),
			r.urgency,
			r.citizen_name ?? '',
			r.phone ?? '',
			r.address,
			r.content,
			time(r.received_at),
			hotlineStatusLabel(r.status),
			r.department_name ?? '',
			r.community_name ?? m.hl_community_pending(),
			r.deadline_at === null ? '' : formatDeadline(r.deadline_at),
			time(r.first_contact_at),
			time(r.first_reply_at)
		];
	}
}
