import { currentClock } from '$lib/domain/enforcement-clocks';
import { amountDue } from '$lib/domain/enforcement-money';
import { ENFORCEMENT_ACTIONS, type EnforcementAction } from '$lib/domain/enforcement-status';
import { ENFORCEMENT_TRANSITIONS } from '$lib/domain/enforcement-workflow';
import { repeatOffences } from '$lib/domain/shop-input';
import { shanghaiDate } from '$lib/domain/working-days';
import { evidenceDir } from '../../config';
import type { Db } from '../../db/create-database';
import { verifyEvidence } from '../../evidence';
import { loadCalendar } from '../../repositories/calendar';
import { getCaseCode } from '../../repositories/cases';
import {
	getEnforcementPlace,
	getEnforcementRow,
	getEnforcementRule,
	getSourceAlert,
	listEnforcementEvents,
	listEvidence
} from '../../repositories/enforcement';
import { getCaseCategory } from '../../repositories/reference';
import { getShop, listShopCases } from '../../repositories/shops';
import { getRepeatWindowDays, presentShop } from '../shops';
import { rectifyMinutes } from './actions';
import { toEnforcementState } from './mapping';
import { type Actor, can } from '$lib/domain/access';

/** Everything the case page and its two printable documents show, as this actor may see it. */
export async function loadEnforcementDetail(db: Db, actor: Actor, id: number, now: number) {
	if (!can(actor, 'enforcement.view')) return 'forbidden' as const;
	const row = await getEnforcementRow(db, id);
	if (!row) return null;
	const state = toEnforcementState(row);
	const [calendar, category, rule, events, evidenceRows, shopRow, community, alert] = await Promise.all([
		loadCalendar(db),
		getCaseCategory(db, row.category_code),
		getEnforcementRule(db, row.category_code),
		listEnforcementEvents(db, id),
		listEvidence(db, id),
		row.shop_id === null ? Promise.resolve(null) : getShop(db, row.shop_id),
		getEnforcementPlace(db, row.community_id),
		getSourceAlert(db, id)
	]);
	const fromCaseId = events[0]?.payload ? (JSON.parse(events[0].payload) as { caseId?: number | null }).caseId : null;
	const sourceCase = fromCaseId ? await getCaseCode(db, fromCaseId) : undefined;
	// Evidence is re-hashed on every view: a file changed on disk shows up here at once.
	// An unreadable file counts as missing; the storage path itself never leaves the server.
	const evidence = await Promise.all(
		evidenceRows.map(async ({ path, ...e }) => ({
			...e,
			check: await verifyEvidence(evidenceDir(), { path, sha256: e.sha256 }).catch(() => 'missing' as const)
		}))
	);
	const windowDays = await getRepeatWindowDays(db);
	const repeats = shopRow
		? repeatOffences(await listShopCases(db, shopRow.id), { windowDays, now, excludeId: id })
		: [];
	// Inside the 陈述申辩 window a statement can be recorded; after it, only its lapse.
	const windowOpen = state.statementDueAt !== null && now <= state.statementDueAt;
	const offNow = (a: EnforcementAction) =>
		(a === 'record_statement' && !windowOpen) || (a === 'lapse_statement' && windowOpen);
	const actions = ENFORCEMENT_ACTIONS.filter(
		(a) => ENFORCEMENT_TRANSITIONS[a].includes(state.status) && can(actor, `enforcement.${a}`) && !offNow(a)
	);
	const overdueDue =
		state.status === 'awaiting_payment' && state.fine !== null && state.paymentDueAt !== null
			? amountDue(state.fine, state.paymentDueAt, shanghaiDate(now))
			: null;
	return {
		row,
		state,
		clock: currentClock(state.status, state, calendar),
		category: category ? { code: category.code, minor: category.minor, major: category.major } : null,
		rule,
		events: events.map((e) => ({ ...e, payload: e.payload ? (JSON.parse(e.payload) as Record<string, unknown>) : {} })),
		evidence,
		allEvidenceOk: evidence.every((e) => e.check === 'ok'),
		shop: shopRow ? presentShop(actor, shopRow) : null,
		repeats,
		windowDays,
		place: { community: community?.name ?? '', area: community?.area_name ?? '' },
		alert,
		sourceCase: sourceCase ?? null,
		actions: actions as EnforcementAction[],
		amountToday: overdueDue,
		rectifyMinutes: await rectifyMinutes(db)
	};
}

export type EnforcementDetail = Exclude<Awaited<ReturnType<typeof loadEnforcementDetail>>, 'forbidden' | null>;
