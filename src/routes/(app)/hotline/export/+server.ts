import { ORDER_LEADING_HEADERS } from '$lib/domain/hotline-order-columns';
import { HOTLINE_QUEUES, type HotlineQueue } from '$lib/domain/hotline-queues';
import { formatDeadline } from '$lib/domain/deadlines';
import { shanghaiDate, shanghaiDateTime } from '$lib/domain/working-days';
import { hotlineStatusLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { spreadsheetResponse } from '$lib/server/import/export';
import { iterateOrders } from '$lib/server/repositories/hotline-orders';
import { orderTypeLabel } from '$lib/server/repositories/hotline-reference';
import { presentOrder } from '$lib/server/services/hotline/present';
import type { RequestHandler } from './$types';
import { requireCan } from '$lib/server/auth/gate';

const HEADERS = [...ORDER_LEADING_HEADERS, '状态', '承办部门', '居民区', '办结时限', '先行联系时间', '首次答复时间'];

/**
 * The order list as CSV or XLSX: the same masking as on screen (the export is personal data too)
 * and every cell neutralised against spreadsheet formula injection. Read as the screen reads: the
 * status by its name (已办结, not `completed`), a deadline at the end of a day as '24:00' of that
 * day, and the file named by the centre's date (Asia/Shanghai), not the server's UTC one.
 */
export const GET: RequestHandler = async (event) => {
	const actor = requireCan(event, 'hotline.export');
	const params = event.url.searchParams;
	const format = params.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	const queueParam = params.get('queue') ?? 'all';
	const queue: HotlineQueue = (HOTLINE_QUEUES as readonly string[]).includes(queueParam)
		? (queueParam as HotlineQueue)
		: 'all';
	const q = params.get('q')?.trim().slice(0, 100) || undefined;
	const time = (ms: number | null) => (ms === null ? '' : shanghaiDateTime(ms));
	async function* rows() {
		for await (const raw of iterateOrders(
			getDb(),
			actor,
			{ queue, q, repeat: params.get('repeat') === '1' },
			Date.now()
		)) {
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
	return spreadsheetResponse(format, rows(), HEADERS, `12345-orders-${shanghaiDate(Date.now())}`);
};
