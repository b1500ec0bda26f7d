import type { Db } from '../../db/create-database';
import { insertSmsMessage, markSmsFailed, markSmsSentWith } from '../../repositories/enforcement';
import { StaleRecord, unitOfWork } from '../unit-of-work';
import { smsSender, type SmsReceipt } from '../../sms';

export type SmsSendResult =
	{ ok: true; version: number; smsId: number; receipt: SmsReceipt } | { ok: false; code: 'stale' | 'sms_failed' };

/**
 * Sends the 先行告知 SMS at most once per click: the case is claimed first (its version bumped, the
 * message recorded as `sending`), so two officers clicking at once cannot both send; then the
 * gateway is called; a failure is recorded on the message and the case is left in its step.
 * The caller writes the step itself with the returned version and marks the message `sent`.
 */
export async function claimAndSendSms(
	db: Db,
	m: { enforcementId: number; version: number; actorId: number; phone: string; body: string; now: number }
): Promise<SmsSendResult> {
	// The claim is a version step without an event of its own: the 先行告知 event follows with the receipt.
	const claim = unitOfWork(db, async (w) => {
		await w.updateEnforcement(m.enforcementId, m.version, { updated_at: m.now }, []);
		return insertSmsMessage(w.trx, m);
	});
	const smsId = await claim.catch((e) => {
		if (e instanceof StaleRecord) return null;
		throw e;
	});
	if (smsId === null) return { ok: false, code: 'stale' };
	try {
		const receipt = await smsSender().send(m.phone, m.body);
		return { ok: true, version: m.version + 1, smsId, receipt };
	} catch (e) {
		console.error('sms send failed', e);
		await markSmsFailed(db, smsId);
		return { ok: false, code: 'sms_failed' };
	}
}

export async function markSmsSent(trx: Db, smsId: number, receipt: SmsReceipt): Promise<void> {
	await markSmsSentWith(trx, smsId, receipt);
}
