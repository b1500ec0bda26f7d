// Each case, 12345 order and enforcement case checked against its own event log: the rows the kept
// counts are judged from must be what their events say (stats:rebuild --verify).
import { replayRecord, type ReplayKind, type ReplayMismatch } from '$lib/domain/record-replay';
import type { Db } from '../../db/create-database';
import { loggedRecordsInIdRange } from '../../repositories/record-logs';
import { maxStatId } from '../../repositories/stat-rows';

export interface RecordMismatch extends ReplayMismatch {
	kind: ReplayKind;
	id: number;
	code: string;
}

export interface ReplayReport {
	checked: Record<ReplayKind, number>;
	/** How many rows disagree with their log, of each kind. */
	disagreeing: Record<ReplayKind, number>;
	/** The first disagreeing row of each kind (lowest id). */
	first: RecordMismatch[];
}

const SLICE = 2_000;

/** Replays every record's log in one read-only transaction (a consistent picture while writers go on). */
export async function checkRowsAgainstLogs(db: Db): Promise<ReplayReport> {
	return (
		db
			.transaction()
			.setAccessMode('read only')
			// One snapshot for every statement on PostgreSQL too (SQLite's read transaction is one already).
			.setIsolationLevel('repeatable read')
			.execute(async (trx) => {
				const report: ReplayReport = {
					checked: { case: 0, order: 0, enforcement: 0 },
					disagreeing: { case: 0, order: 0, enforcement: 0 },
					first: []
				};
				for (const kind of ['case', 'order', 'enforcement'] as const) {
					const max = await maxStatId(trx, kind);
					let first: RecordMismatch | null = null;
					for (let from = 1; from <= max; from += SLICE) {
						for (const r of await loggedRecordsInIdRange(trx, kind, from, from + SLICE)) {
							report.checked[kind]++;
							const wrong = replayRecord(kind, r.facts, r.events);
							if (!wrong) continue;
							report.disagreeing[kind]++;
							first ??= { kind, id: r.id, code: r.code, ...wrong };
						}
					}
					if (first) report.first.push(first);
				}
				return report;
			})
	);
}
