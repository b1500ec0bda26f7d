import { m } from '$lib/paraglide/messages';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { RETURN_REASONS, isCaseStatus, type CaseAction } from '$lib/domain/case-status';
import { actionsInState } from '$lib/domain/case-workflow';
import { isBeyondCalendar, shanghaiDate } from '$lib/domain/working-days';
import { getDb } from '$lib/server/db';
import { photosOf, refill, text } from '$lib/server/form';
import { loadCalendar } from '$lib/server/repositories/calendar';
import { listAttachments, listEvents } from '$lib/server/repositories/case-events';
import { getCaseDetail } from '$lib/server/repositories/cases';
import { getCaseCategory, listCategories, listDepartments, loadGeography } from '$lib/server/repositories/reference';
import { loadBaseMap } from '$lib/server/base-map';
import { toCaseScope } from '$lib/server/services/case-mapping';
import { applyCaseAction } from '$lib/server/services/case-actions';
import { parseCommand } from './commands';
import { ENFORCEMENT_TRACK } from '$lib/domain/alert-review';
import { convertCaseToEnforcement } from '$lib/server/services/enforcement/from-case';
import { FAST_TRACK_STEPS } from '$lib/domain/case-fast-track';
import { allLimitsAt, type StoredLimitVersion } from '$lib/server/repositories/category-limits';
import { listLinkedOrders } from '$lib/server/repositories/order-case-links';
import { fastTrack } from './fast-track-action';
import type { Actions, PageServerLoad } from './$types';
import { can } from '$lib/domain/access';
import { assertCan, requireActor } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const caseId = Number(event.params.id);
	const detail = await getCaseDetail(db, caseId);
	if (!detail) error(404, m.err_not_found());
	const scope = toCaseScope(detail, detail.category_track);
	assertCan(actor, 'case.view', scope, m.err_case_forbidden);
	const status = isCaseStatus(detail.status) ? detail.status : 'void';
	const actions = actionsInState(status).filter((a) => can(actor, `case.${a}`, scope));
	// 受理 + 立案 + 派遣 on one screen, for whoever may take all three steps now.
	const fastTrack = status === 'reported' && FAST_TRACK_STEPS.every((a) => can(actor, `case.${a}`, scope));
	const needs = (a: CaseAction) =>
		actions.includes(a) || (fastTrack && (FAST_TRACK_STEPS as readonly string[]).includes(a));
	const now = Date.now();
	const [events, photos, calendar, departments, categories, geo, category, linkedOrders, limits] = await Promise.all([
		listEvents(db, caseId),
		listAttachments(db, caseId),
		loadCalendar(db),
		needs('dispatch') ? listDepartments(db) : Promise.resolve([]),
		needs('register') ? listCategories(db) : Promise.resolve([]),
		loadGeography(db, shanghaiDate(detail.reported_at)),
		getCaseCategory(db, detail.category_code),
		listLinkedOrders(db, caseId),
		fastTrack ? allLimitsAt(db, now) : Promise.resolve(new Map<string, StoredLimitVersion>())
	]);
	const deadlineDate = detail.deadline_at ? shanghaiDate(detail.deadline_at - 1) : null;
	return {
		caseRow: detail,
		events: events.map((e) => ({ ...e, payload: e.payload ? (JSON.parse(e.payload) as Record<string, unknown>) : {} })),
		photos,
		actions,
		departments,
		categories: categories.map((c) => {
			const limit = limits.get(c.code)?.handleLimit;
			return {
				code: c.code,
				minor: c.minor,
				variant: c.variant,
				major: c.major,
				urgency: c.urgency,
				departmentId: c.departmentId,
				limit: limit ?? null
			};
		}),
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
		map: { boundary: geo.boundary, baseMap: await loadBaseMap(db) },
		username: event.locals.user!.username,
		now
	};
};

async function act(event: RequestEvent, action: CaseAction) {
	const actor = requireActor(event);
	const form = await event.request.formData();
	const versionText = text(form, 'version');
	const photos = await photosOf(form, 'photos');
	const values = {
		note: refill(text(form, 'note')),
		departmentId: text(form, 'departmentId'),
		categoryCode: text(form, 'categoryCode'),
		reasonCode: text(form, 'reasonCode'),
		proposedDate: text(form, 'proposedDate'),
		approvedDate: text(form, 'approvedDate')
	};
	if (!/^[1-9][0-9]{0,9}$/.test(versionText)) return fail(400, { action, values, field: 'form', error: 'invalid' });
	const version = Number(versionText);
	const parsed = parseCommand(action, form, photos.length);
	if (!parsed.ok) return fail(400, { action, values, field: parsed.field, error: parsed.code });
	const result = await applyCaseAction(
		getDb(),
		actor,
		Number(event.params.id),
		version,
		parsed.command,
		photos,
		Date.now()
	);
	if (!result.ok) {
		const detail = result.status === 400 ? (result.photoCode ?? result.code) : result.code;
		return fail(result.status, {
			action,
			values,
			field: result.status === 400 ? (result.field ?? 'form') : 'form',
			error: detail
		});
	}
	redirect(303, `/cases/${event.params.id}?done=${action}`);
}

async function toEnforcement(event: RequestEvent) {
	const actor = requireActor(event);
	const form = await event.request.formData();
	const values = { description: refill(text(form, 'description')) };
	const versionText = text(form, 'version');
	if (!/^[1-9][0-9]{0,9}$/.test(versionText))
		return fail(400, { action: 'to_enforcement', values, field: 'form', error: 'invalid' });
	if (values.description.length > 2000)
		return fail(400, { action: 'to_enforcement', values, field: 'description', error: 'too_long' });
	const r = await convertCaseToEnforcement(
		getDb(),
		actor,
		Number(event.params.id),
		Number(versionText),
		values.description,
		Date.now()
	);
	if (!r.ok) return fail(r.status, { action: 'to_enforcement', values, field: 'form', error: r.code });
	redirect(303, `/enforcement/${r.enforcementId}?done=open`);
}

/** One named action per step of the workflow (the type check fails when a CaseAction has none), and two more. */
const step = (action: CaseAction) => (event: RequestEvent) => act(event, action);

/** One named action per verb; each re-checks permission, state and version in the service. */
export const actions = {
	accept: step('accept'),
	void: step('void'),
	register: step('register'),
	dispatch: step('dispatch'),
	sign: step('sign'),
	feedback: step('feedback'),
	request_return: step('request_return'),
	approve_return: step('approve_return'),
	reject_return: step('reject_return'),
	request_extension: step('request_extension'),
	approve_extension: step('approve_extension'),
	reject_extension: step('reject_extension'),
	park: step('park'),
	unpark: step('unpark'),
	check_pass: step('check_pass'),
	check_fail: step('check_fail'),
	close: step('close'),
	supervise: step('supervise'),
	to_enforcement: toEnforcement,
	fast_track: fastTrack
} satisfies Actions & Record<CaseAction, unknown>;
