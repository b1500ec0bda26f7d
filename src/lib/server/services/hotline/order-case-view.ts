// What the 12345 order page shows of the grid flow: the linked case's progress and, once it is
// closed, its outcome as the draft 答复; or, for the dispatcher, the ways to open or join a case.
import { isHotlineStatus } from '$lib/domain/hotline-status';
import { isCaseStatus } from '$lib/domain/case-status';
import { checkOrderLinkable, draftReplyFrom, LINK_RADIUS_M } from '$lib/domain/order-case-link';
import type { Db } from '../../db/create-database';
import { getCaseOutcome, getLinkedCase } from '../../repositories/order-case-links';
import { listCategories } from '../../repositories/reference';
import { listJoinCandidates } from './order-to-case';
import { type Actor, can } from '$lib/domain/access';

interface OrderForView {
	id: number;
	status: string;
	department_id: number | null;
	category_code: string | null;
	lng: number | null;
	lat: number | null;
}

export async function orderCaseView(db: Db, actor: Actor, order: OrderForView) {
	const linked = await getLinkedCase(db, order.id);
	if (linked) {
		const status = isCaseStatus(linked.status) ? linked.status : 'void';
		const outcome = status === 'closed' ? await getCaseOutcome(db, linked.id) : null;
		const text = outcome ? draftReplyFrom({ status, feedbackNote: outcome.note, closedAt: linked.closed_at }) : null;
		return {
			linked: {
				...linked,
				viewable: can(actor, 'case.view', {
					areaId: linked.area_id,
					communityId: linked.community_id,
					departmentId: linked.department_id,
					handlerId: linked.handler_id,
					reporterId: linked.reporter_id,
					categoryTrack: 'grid'
				})
			},
			// Offered to whoever may send the 答复; the photos are served to the order's viewers too.
			draft: outcome && (text || outcome.photos.length) ? { text, photos: outcome.photos.map((p) => p.id) } : null,
			link: null
		};
	}
	const status = isHotlineStatus(order.status) ? order.status : 'completed';
	const mayLink =
		can(actor, 'hotline.link_case') &&
		can(actor, 'hotline.assign', { departmentId: order.department_id }) &&
		can(actor, 'case.report') &&
		checkOrderLinkable({
			status,
			linkedCaseId: null,
			categoryCode: order.category_code,
			lng: order.lng,
			lat: order.lat
		}) === null;
	if (!mayLink) return { linked: null, draft: null, link: null };
	const [candidates, categories] = await Promise.all([listJoinCandidates(db, order), listCategories(db)]);
	return {
		linked: null,
		draft: null,
		link: {
			radius: LINK_RADIUS_M,
			candidates: candidates.map((c) => ({
				id: c.id,
				code: c.code,
				status: c.status,
				address: c.address,
				description: c.description.slice(0, 80),
				distance: c.distance,
				reportedAt: c.reportedAt
			})),
			categories: categories.map((c) => ({ code: c.code, minor: c.minor, variant: c.variant }))
		}
	};
}
