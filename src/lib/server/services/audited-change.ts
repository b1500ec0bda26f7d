// An admin's change and the audit row that records it are one transaction: neither is kept without the other.
import type { Db } from '../db/create-database';
import { transact, type TransactOptions } from '../db/transact';
import { appendAudit, type AuditEntry } from '../repositories/audit';

/** Who made the change, and when. */
export interface AuditStamp {
	actorId: number;
	at: number;
}

/** What the audit row says was done, and to what. */
export type AuditNote = Omit<AuditEntry, 'at' | 'actorId'>;

/**
 * Runs `change` in a transaction and appends the rows `note` makes of its result, stamped with who and when.
 * `note` answers null when the change found nothing to do (nothing is recorded), or one row per thing changed.
 * A change that decides on what it reads runs `serializable` (see transact): with several writers on
 * PostgreSQL, its reads still hold when it commits.
 */
export async function auditedChange<T>(
	db: Db,
	stamp: AuditStamp,
	change: (trx: Db) => Promise<T>,
	note: (result: T) => AuditNote | readonly AuditNote[] | null,
	opts: TransactOptions = {}
): Promise<T> {
	return transact(
		db,
		async (trx) => {
			const result = await change(trx);
			for (const n of ([] as AuditNote[]).concat(note(result) ?? [])) await appendAudit(trx, { ...stamp, ...n });
			return result;
		},
		opts
	);
}
