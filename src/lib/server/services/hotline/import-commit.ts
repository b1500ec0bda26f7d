import type { OrderInput } from '$lib/domain/hotline-order-input';
import type { Db } from '../../db/create-database';
import { loadCalendar } from '../../repositories/calendar';
import { updateImport } from '../../repositories/hotline-imports';
import { bulkWriter, whenFree } from '../../repositories/hotline-import-jobs';
import { orderValidationContext, orderValidationData } from '../../repositories/hotline-reference';
import { communityAreas } from '../../repositories/reference';
import { unitOfWork } from '../unit-of-work';
import { ingestOrders, writePreparedOrders, type IngestContext } from './ingest';
import { BATCH, RowsInvalid, runImportJob, tick, type ImportMode, type ImportRow } from './import-jobs';
import { reportProgress } from './import-progress';
import { prepareImportRows } from './import-prepare';
import { scanOrderFile } from './import-scan';

/** Rows written between two turns of the event loop: each slice is a few milliseconds of the thread. */
const WRITE_BATCH = 250;

/**
 * Writes the import all or nothing, without holding up the centre: a worker thread reads, checks and
 * makes the rows ready (import-prepare.ts) while this thread writes them in ONE transaction on a
 * connection of its own, yielding between chunks (other requests go on), and adds their statistics
 * once. A row with a problem ('all or nothing'), a file that turns out unreadable or a failed write
 * rolls all of it back; a crash or a kill leaves all of it or none of it, and committing again
 * completes it (orders already stored count as unchanged).
 */
export function commitImport(
	db: Db,
	imp: ImportRow,
	path: string,
	mode: ImportMode,
	actorId: number,
	now: number
): Promise<void> {
	return runImportJob(db, imp.id, now, async () => {
		const calendar = await loadCalendar(db);
		const ingest = { origin: 'file' as const, importId: imp.id, actorId, apiKeyId: null, now, calendar };
		// Written on a connection of its own, so the centre's reads go on while it writes.
		const writeInBulk = bulkWriter(db, imp.id);
		if (!writeInBulk) return await commitWithKysely(db, imp, path, mode, ingest);
		const data = await orderValidationData(db, now);
		const areaOf = [...(await communityAreas(db))];
		const from = { origin: ingest.origin, importId: imp.id, now };
		const prepared = prepareImportRows({ path, name: imp.file_name, data, from, areaOf });
		const total = imp.valid_rows;
		// Filled once every row is read: the unit of work uses it when every row turned out new.
		const precounted = { rows: -1, counts: new Map<string, number>() };
		try {
			await reportProgress(db, imp.id, { phase: 'writing', rows: 0, total });
			const written = await writeInBulk((own, sqlite) =>
				unitOfWork(
					own,
					async (w) => {
						let created = 0;
						const refuse = () => {
							if (prepared.hadProblems && mode === 'all_or_nothing') throw new RowsInvalid();
						};
						for await (const rows of prepared.batches()) {
							refuse();
							for (let i = 0; i < rows.length; i += WRITE_BATCH) {
								created += writePreparedOrders(w, rows.slice(i, i + WRITE_BATCH), { ...ingest, sqlite }).created.length;
								// Not written to the row: this transaction holds SQLite's one writer (import-progress.ts).
								await reportProgress(db, imp.id, { phase: 'writing', rows: created, total, store: false });
								await tick();
							}
						}
						refuse();
						Object.assign(precounted, { rows: prepared.rows, counts: prepared.counted });
						return created;
					},
					{ precounted }
				)
			);
			await whenFree(imp.id, () =>
				updateImport(db, imp.id, { status: 'committed', mode, written_rows: written, finished_at: Date.now() })
			);
		} finally {
			prepared.stop();
		}
	});
}

/** Any other dialect: the rows are written through Kysely as they are read, in one transaction. */
async function commitWithKysely(
	db: Db,
	imp: ImportRow,
	path: string,
	mode: ImportMode,
	ingest: Omit<IngestContext, 'sqlite'>
): Promise<void> {
	const ctx = await orderValidationContext(db, ingest.now);
	let hadProblems = false;
	const written = await unitOfWork(db, async (w) => {
		const trx = w.trx;
		let pending: OrderInput[] = [];
		let created = 0;
		const flush = async () => {
			created += (await ingestOrders(trx, pending, ingest)).created.length;
			pending = [];
			// Through the pool, not the transaction: other servers see it while the transaction runs.
			await reportProgress(db, imp.id, { phase: 'writing', rows: created, total: imp.valid_rows });
			await tick();
		};
		await scanOrderFile(path, imp.file_name, ctx, {
			order: async (order) => {
				pending.push(order);
				if (pending.length >= BATCH) await flush();
			},
			problems: () => (hadProblems = true)
		});
		if (hadProblems && mode === 'all_or_nothing') throw new RowsInvalid();
		await flush();
		return created;
	});
	await updateImport(db, imp.id, { status: 'committed', mode, written_rows: written, finished_at: Date.now() });
}
