import { composeRectifySms, documentNumber } from '$lib/domain/enforcement-documents';
import type { EnforcementAction } from '$lib/domain/enforcement-status';
import {
	applyEnforcementCommand,
	type EnforcementCommand,
	type EnforcementRejection
} from '$lib/domain/enforcement-workflow';
import { SETTINGS } from '$lib/domain/settings';
import { shanghaiMidnight } from '$lib/domain/working-days';
import { evidenceDir } from '../../config';
import type { Db } from '../../db/create-database';
import {
	discardEvidence,
	storeEvidenceAll,
	validateEvidence,
	type EvidenceInput,
	type StoredEvidence
} from '../../evidence';
import { loadCalendar } from '../../repositories/calendar';
import {
	countEnforcementSince,
	getEnforcementRow,
	getEnforcementRule,
	insertEvidenceFiles
} from '../../repositories/enforcement';
import { nextInSeries } from '../../repositories/number-series';
import { getCaseCategory } from '../../repositories/reference';
import { readSetting } from '../../repositories/settings';
import { getShop } from '../../repositories/shops';
import type { SmsReceipt } from '../../sms';
import { StaleRecord, unitOfWork, type RecordWriter } from '../unit-of-work';
import { evidenceFileRow } from '../evidence-rows';
import { archiveIssuedDocument } from './documents';
import { toEnforcementState, toEnforcementUpdate } from './mapping';
import { claimAndSendSms, markSmsSent } from './sms-outbox';
import { can, type Actor } from '$lib/domain/access';
import { NOT_FOUND, FORBIDDEN, STALE, type RecordRefusal } from '../record-refusals';
import { recordEvent } from '../record-events';

/** A command as a form sends it: notify's text and phone are composed here, not trusted from input. */
export type EnforcementInput = Exclude<EnforcementCommand, { action: 'notify' }> | { action: 'notify' };

export type EnforcementFailure =
	| RecordRefusal
	| { ok: false; status: 502; code: 'sms_failed' }
	| {
			ok: false;
			status: 400;
			code: EnforcementRejection | 'unknown_shop' | 'no_rule' | 'photo_invalid';
			detail?: Record<string, unknown>;
	  };
export type EnforcementActionResult = { ok: true; status: string } | EnforcementFailure;

const WITH_PHOTOS: readonly EnforcementAction[] = ['recheck'];
const DOCUMENT: Partial<
	Record<
		EnforcementAction,
		{ kind: 'notice' | 'decision'; column: 'notice_at' | 'decision_at'; field: 'notice_no' | 'decision_no' }
	>
> = {
	issue_notice: { kind: 'notice', column: 'notice_at', field: 'notice_no' },
	decide: { kind: 'decision', column: 'decision_at', field: 'decision_no' }
};

export const rectifyMinutes = (db: Db) => readSetting(db, SETTINGS.rectifyMinutes);

type EnforcementRow = NonNullable<Awaited<ReturnType<typeof getEnforcementRow>>>;
type Shop = NonNullable<Awaited<ReturnType<typeof getShop>>> | undefined;
type DocumentSpec = NonNullable<(typeof DOCUMENT)[EnforcementAction]>;

/** The command the domain decides on: 责令改正's SMS is composed here from the shop and the category. */
async function commandFor(
	db: Db,
	input: EnforcementInput,
	row: EnforcementRow,
	shop: Shop,
	minutes: number
): Promise<EnforcementCommand> {
	if (input.action !== 'notify') return input;
	const category = await getCaseCategory(db, row.category_code);
	const text = composeRectifySms({
		signName: shop?.sign_name ?? '',
		address: shop?.address ?? row.address,
		violation: category?.minor ?? row.category_code,
		minutes
	});
	return { action: 'notify', phone: shop?.phone ?? null, text };
}

/** This year's next number of a document kind (the year in Shanghai), taken in the write's own transaction. */
async function nextDocumentNo(trx: Db, doc: DocumentSpec, now: number): Promise<string> {
	const year = new Date(now + 8 * 3600_000).getUTCFullYear();
	const from = shanghaiMidnight(`${year}-01-01`);
	const to = shanghaiMidnight(`${year + 1}-01-01`);
	const seq = await nextInSeries(trx, `${doc.kind}:${year}`, () => countEnforcementSince(trx, doc.column, from, to));
	return documentNumber(doc.kind, year, seq);
}

/** A decided step, as it is written: the case row and its event, the photos, the SMS receipt, the document served. */
interface DecidedStep {
	id: number;
	version: number;
	actorId: number;
	action: EnforcementAction;
	decided: Extract<ReturnType<typeof applyEnforcementCommand>, { ok: true }>;
	stored: StoredEvidence[];
	sms: { smsId: number; receipt: SmsReceipt } | null;
	now: number;
}

async function writeStep(w: RecordWriter, s: DecidedStep): Promise<void> {
	const update = toEnforcementUpdate(s.decided.changes);
	const doc = DOCUMENT[s.action];
	const payload: Record<string, unknown> = { ...s.decided.event.payload };
	if (doc) payload.documentNo = update[doc.field] = await nextDocumentNo(w.trx, doc, s.now);
	if (s.sms) payload.sms = s.sms.receipt;
	const event = recordEvent({ ...s.decided.event, payload }, s.actorId, s.now);
	const [eventId] = await w.updateEnforcement(s.id, s.version, { ...update, updated_at: s.now }, [event]);
	const origin = { enforcement_id: s.id, event_id: eventId, kind: 'photo', source: 'upload' } as const;
	const stamp = { captured_at: s.now, uploaded_by: s.actorId, created_at: s.now };
	await insertEvidenceFiles(
		w.trx,
		s.stored.map((file, seq) => evidenceFileRow(file, { ...origin, ...stamp, seq }))
	);
	if (s.sms) await markSmsSent(w.trx, s.sms.smsId, s.sms.receipt);
	// The document as served, kept with the case file: a reprint shows this, not today's data.
	if (doc) await archiveIssuedDocument(w.trx, s.id, doc.kind, eventId, s.actorId);
}

/**
 * One legal step on an enforcement case: permission, state, version and the legal rules are checked,
 * the SMS (for 先行告知) is sent, then the case, its event, evidence and SMS record are written in one
 * transaction. A refusal writes nothing.
 */
export async function applyEnforcementAction(
	db: Db,
	actor: Actor,
	id: number,
	expectedVersion: number,
	input: EnforcementInput,
	photos: EvidenceInput[],
	now: number
): Promise<EnforcementActionResult> {
	const row = await getEnforcementRow(db, id);
	if (!row) return NOT_FOUND;
	if (!can(actor, `enforcement.${input.action}`)) return FORBIDDEN;
	if (row.version !== expectedVersion) return STALE;

	const rule = await getEnforcementRule(db, row.category_code);
	if ((input.action === 'issue_notice' || input.action === 'decide') && !rule)
		return { ok: false, status: 400, code: 'no_rule' };
	const shopId = input.action === 'link_shop' ? input.shopId : row.shop_id;
	const shop = shopId === null ? undefined : ((await getShop(db, shopId)) ?? undefined);
	if (input.action === 'link_shop' && !shop) return { ok: false, status: 400, code: 'unknown_shop' };

	const minutes = await rectifyMinutes(db);
	let command = await commandFor(db, input, row, shop, minutes);
	const withPhotos = WITH_PHOTOS.includes(command.action) ? photos : [];
	for (const p of withPhotos) if (await validateEvidence(p)) return { ok: false, status: 400, code: 'photo_invalid' };
	if (command.action === 'recheck') command = { ...command, photoCount: withPhotos.length };

	const decided = applyEnforcementCommand(toEnforcementState(row), command, {
		now,
		calendar: await loadCalendar(db),
		fineRange: { min: rule?.fine_min ?? 0, max: rule?.fine_max ?? 0 },
		rectifyMinutes: minutes
	});
	if (!decided.ok) return { ok: false, status: 400, code: decided.reason, detail: decided.detail };

	let version = expectedVersion;
	let sms: DecidedStep['sms'] = null;
	if (command.action === 'notify' && command.phone) {
		const sent = await claimAndSendSms(db, {
			enforcementId: id,
			version,
			actorId: actor.id,
			phone: command.phone,
			body: command.text,
			now
		});
		if (!sent.ok) return sent.code === 'stale' ? STALE : { ok: false, status: 502, code: 'sms_failed' };
		({ version } = sent);
		sms = { smsId: sent.smsId, receipt: sent.receipt };
	}

	const stored = withPhotos.length ? await storeEvidenceAll(evidenceDir(), withPhotos, now) : [];
	const step = { id, version, actorId: actor.id, action: command.action, decided, stored, sms, now };
	try {
		await unitOfWork(db, (w) => writeStep(w, step));
	} catch (e) {
		await discardEvidence(evidenceDir(), stored).catch(() => {});
		if (e instanceof StaleRecord) return STALE;
		throw e;
	}
	return { ok: true, status: decided.next };
}
