// 12345 orders that need the street become grid cases: the dispatcher opens a grid-flow
// case from the order, or joins the order to an open case of the same category nearby. The link and
// an event on each side are written in the transaction that opens the case (or with version checks
// on both records when joining); a refused or stale request writes nothing.
import { isHotlineStatus } from '$lib/domain/hotline-status';
import { isCaseStatus } from '$lib/domain/case-status';
import {
	checkJoin,
	checkOrderLinkable,
	HOTLINE_CASE_SOURCE,
	LINK_RADIUS_M,
	pickCandidates,
	type LinkableOrder,
	type LinkRejection
} from '$lib/domain/order-case-link';
import { photoDir } from '../../config';
import type { Db } from '../../db/create-database';
import type { PhotoInput } from '../../photos';
import { readStored } from '../../storage/storage';
import { getCaseRow } from '../../repositories/cases';
import { getOrderRow, listOrderPhotoFiles } from '../../repositories/hotline-orders';
import { getLinkedCaseId, insertLinkRow, listOpenCasesNear } from '../../repositories/order-case-links';
import { reportCase, type FieldErrors } from '../report-case';
import { type Actor, can } from '$lib/domain/access';
import { StaleRecord, unitOfWork, type RecordEvent } from '../unit-of-work';

export type LinkFailure =
	| { ok: false; status: 404; code: 'not_found' }
	| { ok: false; status: 403; code: 'forbidden' }
	| { ok: false; status: 409; code: 'stale' | 'already_linked' }
	| { ok: false; status: 400; code: LinkRejection | 'case_invalid'; errors?: FieldErrors };
export type LinkResult = { ok: true; caseId: number; code: string } | LinkFailure;

export interface OpenFromOrderInput {
	categoryCode: string;
	description: string;
	address: string;
	lng: number;
	lat: number;
	/** Photos the dispatcher adds; the order's own photos are carried over as well. */
	photos: PhotoInput[];
}

type OrderRow = NonNullable<Awaited<ReturnType<typeof getOrderRow>>>;

/** The events a link writes: one on the order, one on the case, each naming the other. */
function linkEvents(
	order: OrderRow,
	c: { id: number; code: string; status: string },
	kind: 'opened' | 'joined',
	actorId: number,
	now: number
): { order: RecordEvent; case: RecordEvent } {
	return {
		order: {
			at: now,
			actorId,
			action: 'link_case',
			from: order.status,
			to: order.status,
			note: null,
			payload: { caseId: c.id, caseCode: c.code, kind }
		},
		case: {
			at: now,
			actorId,
			action: 'link_order',
			from: c.status,
			to: c.status,
			note: null,
			payload: { orderId: order.id, orderNo: order.order_no, kind }
		}
	};
}

const linkable = (o: OrderRow, linkedCaseId: number | null): LinkableOrder => ({
	status: isHotlineStatus(o.status) ? o.status : 'completed',
	linkedCaseId,
	categoryCode: o.category_code,
	lng: o.lng,
	lat: o.lat
});

/** The checks both ways share: the order exists, the actor may link it (dispatcher), the form's version is current. */
async function gate(
	db: Db,
	actor: Actor,
	orderId: number,
	version: number
): Promise<LinkFailure | { ok: true; order: OrderRow; linkedCaseId: number | null }> {
	const order = await getOrderRow(db, orderId);
	if (!order) return { ok: false, status: 404, code: 'not_found' };
	if (
		!can(actor, 'hotline.link_case') ||
		!can(actor, 'hotline.assign', { departmentId: order.department_id }) ||
		!can(actor, 'case.report')
	) {
		return { ok: false, status: 403, code: 'forbidden' };
	}
	if (order.version !== version) return { ok: false, status: 409, code: 'stale' };
	return { ok: true, order, linkedCaseId: await getLinkedCaseId(db, orderId) };
}

const refusal = (code: LinkRejection): LinkFailure =>
	code === 'already_linked' ? { ok: false, status: 409, code } : { ok: false, status: 400, code };

/** The order's own photos (退单 evidence and the like) go with it into the case. */
async function orderPhotos(db: Db, orderId: number): Promise<PhotoInput[]> {
	const rows = await listOrderPhotoFiles(db, orderId, 6);
	const read = await Promise.all(
		rows.map((r): Promise<PhotoInput | null> =>
			readStored(photoDir(), r.path).then(
				(b) => ({ name: `${r.id}.jpg`, bytes: new Uint8Array(b) }),
				() => null
			)
		)
	);
	return read.filter((p) => p !== null);
}

/** 转网格案件: a new grid-flow case (source 12345) waiting for 受理, linked to the order. */
export async function openCaseFromOrder(
	db: Db,
	actor: Actor,
	orderId: number,
	version: number,
	input: OpenFromOrderInput,
	now: number
): Promise<LinkResult> {
	const g = await gate(db, actor, orderId, version);
	if (!g.ok) return g;
	const rejection = checkOrderLinkable(linkable(g.order, g.linkedCaseId));
	if (rejection) return refusal(rejection);
	const carried = await orderPhotos(db, orderId);
	try {
		const r = await reportCase(
			db,
			actor,
			{
				mode: 'report',
				source: HOTLINE_CASE_SOURCE,
				categoryCode: input.categoryCode,
				description: input.description,
				address: input.address,
				lng: input.lng,
				lat: input.lat,
				communityId: null,
				handlingNote: '',
				beforePhotos: [...carried, ...input.photos].slice(0, 6),
				afterPhotos: []
			},
			now,
			async (w, caseId) => {
				// A change to the order that is only its link: its version moves so a form read before it is stale.
				const code = (await getCaseRow(w.trx, caseId))!.code;
				const events = linkEvents(g.order, { id: caseId, code, status: 'reported' }, 'opened', actor.id, now);
				await w.updateOrder(orderId, version, { updated_at: now }, [events.order]);
				await insertLinkRow(w.trx, { orderId, caseId, kind: 'opened', actorId: actor.id, now });
				await w.appendEvents('case', caseId, [events.case]);
			},
			{ fromOrder: true }
		);
		if (!r.ok)
			return r.status === 403
				? { ok: false, status: 403, code: 'forbidden' }
				: { ok: false, status: 400, code: 'case_invalid', errors: r.errors };
		return { ok: true, caseId: r.caseId, code: r.code };
	} catch (e) {
		// A second link of the same order loses at the unique order_id (or its trigger).
		if (e instanceof StaleRecord || /order_case_links|UNIQUE/.test(String(e)))
			return { ok: false, status: 409, code: 'stale' };
		throw e;
	}
}

/** 并入已有案件: the order joins an open case of its category within the radius, instead of a second case. */
export async function joinOrderToCase(
	db: Db,
	actor: Actor,
	orderId: number,
	version: number,
	caseId: number,
	now: number
): Promise<LinkResult> {
	const g = await gate(db, actor, orderId, version);
	if (!g.ok) return g;
	const caseRow = await getCaseRow(db, caseId);
	if (!caseRow || caseRow.track !== 'grid') return { ok: false, status: 404, code: 'not_found' };
	const target = {
		id: caseRow.id,
		status: isCaseStatus(caseRow.status) ? caseRow.status : 'void',
		categoryCode: caseRow.category_code,
		lng: caseRow.lng,
		lat: caseRow.lat,
		reportedAt: caseRow.reported_at
	} as const;
	const rejection = checkJoin(linkable(g.order, g.linkedCaseId), target);
	if (rejection) return refusal(rejection);
	try {
		const events = linkEvents(g.order, caseRow, 'joined', actor.id, now);
		await unitOfWork(db, async (w) => {
			await w.updateOrder(orderId, version, { updated_at: now }, [events.order]);
			// The case may have moved since it was offered: it is linked as it is now, only if still the same version.
			await w.updateCase(caseId, caseRow.version, { updated_at: now }, [events.case]);
			await insertLinkRow(w.trx, { orderId, caseId, kind: 'joined', actorId: actor.id, now });
		});
	} catch (e) {
		if (e instanceof StaleRecord || /order_case_links|UNIQUE/.test(String(e)))
			return { ok: false, status: 409, code: 'stale' };
		throw e;
	}
	return { ok: true, caseId, code: caseRow.code };
}

/** The open cases of the order's category within the radius that it may join, newest first. */
export async function listJoinCandidates(
	db: Db,
	order: { id: number; status: string; category_code: string | null; lng: number | null; lat: number | null }
) {
	if (!order.category_code || order.lng === null || order.lat === null) return [];
	const rows = await listOpenCasesNear(db, order.category_code, order.lng, order.lat, LINK_RADIUS_M);
	const linked = await getLinkedCaseId(db, order.id);
	const o: LinkableOrder = {
		status: isHotlineStatus(order.status) ? order.status : 'completed',
		linkedCaseId: linked,
		categoryCode: order.category_code,
		lng: order.lng,
		lat: order.lat
	};
	return pickCandidates(
		o,
		rows.map((r) => ({
			id: r.id,
			code: r.code,
			status: isCaseStatus(r.status) ? r.status : 'void',
			categoryCode: r.category_code,
			lng: r.lng,
			lat: r.lat,
			reportedAt: r.reported_at,
			address: r.address,
			description: r.description
		}))
	);
}
