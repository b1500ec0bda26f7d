// One case as its page shows it: the case, its history and photos, the linked 12345 orders, and what
// this actor may do next, with the lists the action forms need (departments, categories with limits).
import { can, type Actor } from '$lib/domain/access';
import { ENFORCEMENT_TRACK } from '$lib/domain/alert-review';
import { FAST_TRACK_STEPS } from '$lib/domain/case-fast-track';
import { RETURN_REASONS, isCaseStatus, type CaseAction } from '$lib/domain/case-status';
import { actionsInState } from '$lib/domain/case-workflow';
import { isBeyondCalendar, shanghaiDate } from '$lib/domain/working-days';
import { m } from '$lib/paraglide/messages';
import { assertCan } from '../auth/gate';
import { loadBaseMap } from '../base-map';
import type { Db } from '../db/create-database';
import { loadCalendar } from '../repositories/calendar';
import { listAttachments, listEvents } from '../repositories/case-events';
import { getCaseDetail } from '../repositories/cases';
import { allLimitsAt, type StoredLimitVersion } from '../repositories/category-limits';
import { listLinkedOrders } from '../repositories/order-case-links';
import { getCaseCategory, listCategories, listDepartments, loadGeography } from '../repositories/reference';
import { toCaseScope } from './case-mapping';
import { parsePayload } from './event-payload';

/** The page's data; null when there is no such case, 403 when this actor may not see it. */
export async function loadCasePage(db: Db, actor: Actor, caseId: number, now: number) {
	const detail = await getCaseDetail(db, caseId);
	if (!detail) return null;
	const scope = toCaseScope(detail, detail.category_track);
	assertCan(actor, 'case.view', scope, m.err_case_forbidden);
	const status = isCaseStatus(detail.status) ? detail.status : 'void';
	const actions = actionsInState(status).filter((a) => can(actor, `case.${a}`, scope));
	// 受理 + 立案 + 派遣 on one screen, for whoever may take all three steps now.
	const fastTrack = status === 'reported' && FAST_TRACK_STEPS.every((a) => can(actor, `case.${a}`, scope));
	const needs = (a: CaseAction) =>
		actions.includes(a) || (fastTrack && (FAST_TRACK_STEPS as readonly string[]).includes(a));
	const [events, photos, calendar, departments, categories, geo, category, linkedOrders, limits, baseMap] =
		await Promise.all([
			listEvents(db, caseId),
			listAttachments(db, caseId),
			loadCalendar(db),
			needs('dispatch') ? listDepartments(db) : Promise.resolve([]),
			needs('register') ? listCategories(db) : Promise.resolve([]),
			loadGeography(db, shanghaiDate(detail.reported_at)),
			getCaseCategory(db, detail.category_code),
			listLinkedOrders(db, caseId),
			fastTrack ? allLimitsAt(db, now) : Promise.resolve(new Map<string, StoredLimitVersion>()),
			loadBaseMap(db)
		]);
	const deadlineDate = detail.deadline_at ? shanghaiDate(detail.deadline_at - 1) : null;
	return {
		caseRow: detail,
		events: events.map(parsePayload),
		photos,
		actions,
		departments,
		categories: categories.map((c) => ({
			code: c.code,
			minor: c.minor,
			variant: c.variant,
			major: c.major,
			urgency: c.urgency,
			departmentId: c.departmentId,
			limit: limits.get(c.code)?.handleLimit ?? null
		})),
		fastTrack,
		linkedOrders: linkedOrders.map((o) => ({
			...o,
			viewable: can(actor, 'hotline.view', { departmentId: o.department_id })
		})),
		returnReasons: RETURN_REASONS,
		suggestedDepartment: category?.departmentId ?? null,
		calendarWarningYear:
			deadlineDate && isBeyondCalendar(deadlineDate, calendar) ? Number(deadlineDate.slice(0, 4)) : null,
		// 乱设摊 / 跨门营业 found on patrol may go down the enforcement track instead (before dispatch).
		canConvert:
			detail.category_track === ENFORCEMENT_TRACK && actions.includes('void') && can(actor, 'enforcement.open'),
		map: { boundary: geo.boundary, baseMap },
		now
	};
}
