import type { OrderInput } from '$lib/domain/hotline-order-input';
import type { Db } from '../../db/create-database';
import { loadCalendar } from '../../repositories/calendar';
import { updateImport } from '../../repositories/hotline-imports';
import { bulkWriter, whenFree } from '../../repositories/hotline-import-jobs';
import type { NewOrderRow } from '../../repositories/hotline-order-writes';
import { orderValidationContext } from '../../repositories/hotline-reference';
import type { StatRows } from '../../repositories/stat-rows';
import { countEntries, FAR } from '../stats/counting';
import { unitOfWork } from '../unit-of-work';
import { prepareOrderRows, writePreparedOrders, writePreparedOrdersPg, type IngestContext } from './ingest';
import { PG_BATCH } from './ingest-postgres';
import { BATCH, RowsInvalid, runImportJob, tick, type ImportMode, type ImportRow } from './import-jobs';
import { reportProgress } from './import-progress';
import { scanOrderFile } from './import-scan';

/** Rows written between two turns of the event loop: each slice is a few milliseconds of the thread. */
const WRITE_BATCH = 250;
const EVER = { from: '0000-01-01', to: '9999-12-31' };

/**
 * Writes the import all or nothing, without holding up the centre: every row is read, checked and
 * made ready first, outside any transaction (other requests go on between chunks); then ONE short
 * transaction writes them, yielding between chunks, and adds their statistics once. A crash or a kill
 * leaves all of it or none of it, and committing again completes it (orders already stored count as
 * unchanged).
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
		const ctx = await orderValidationContext(db, now);
		const calendar = await loadCalendar(db);
		const ingest = { origin: 'file' as const, importId: imp.id, actorId, apiKeyId: null, now, calendar };
		// Written on a connection of its own, so the centre's reads go on while it writes.
		const writeInBulk = bulkWriter(db, imp.id);
		if (!writeInBulk) return await commitWithKysely(db, imp, path, mode, ingest, ctx);
		let hadProblems = false;
		const rows: NewOrderRow[] = [];
		// What the new orders add to the statistics, judged from the rows themselves as they are made
		// (a new order's counts depend on nothing else); used when every row turns out new.
		const counted = new Map<string, number>();
		let pending: OrderInput[] = [];
		const prepare = async () => {
			const prepared = await prepareOrderRows(db, pending, ingest);
			countEntries({ grid: [], enforcement: [], orders: prepared.map(orderStatsRow) }, FAR, EVER, counted);
			rows.push(...prepared);
			pending = [];
			await reportProgress(db, imp.id, { phase: 'preparing', rows: rows.length, total: imp.valid_rows });
			await tick();
		};
		await scanOrderFile(path, imp.file_name, ctx, {
			order: async (order) => {
				pending.push(order);
				if (pending.length >= BATCH) await prepare();
			},
			problems: () => (hadProblems = true)
		});
		await prepare();
		if (hadProblems && mode === 'all_or_nothing') throw new RowsInvalid();
		await reportProgress(db, imp.id, { phase: 'writing', rows: 0, total: rows.length });
		// The unit of work uses `counted` when every row turns out new, and judges the created ones otherwise.
		const written = await writeInBulk((own, sqlite) =>
			unitOfWork(
				own,
				async (w) => {
					let created = 0;
					for (let i = 0; i < rows.length; i += WRITE_BATCH) {
						created += writePreparedOrders(w, rows.slice(i, i + WRITE_BATCH), { ...ingest, sqlite }).created.length;
						// Not written to the row: this transaction holds SQLite's one writer (import-progress.ts).
						await reportProgress(db, imp.id, { phase: 'writing', rows: created, total: rows.length, store: false });
						await tick();
					}
					return created;
				},
				{ precounted: { rows: rows.length, counts: counted } }
			)
		);
		await whenFree(imp.id, () =>
			updateImport(db, imp.id, { status: 'committed', mode, written_rows: written, finished_at: Date.now() })
		);
	});
}

/** Sets of rows written while the next one is read and made ready (at most this many ahead). */
const IN_FLIGHT = 2;
/** A smaller first set (rows), so the database starts writing sooner; then PG_BATCH. */
const FIRST_SET = 1_000;
/** Rows made ready and counted between two turns of the event loop (other requests are answered in between). */
const SLICE = 1_000;

/**
 * Any other dialect (PostgreSQL): the rows are made ready as they are read and written in one
 * transaction, PG_BATCH at a time, the database writing one set while the next is read and made ready.
 * Their statistics are judged from the rows as they are made, and used when every row turns out new.
 */
async function commitWithKysely(
	db: Db,
	imp: ImportRow,
	path: string,
	mode: ImportMode,
	ingest: Omit<IngestContext, 'sqlite'>,
	ctx: Awaited<ReturnType<typeof orderValidationContext>>
): Promise<void> {
	let hadProblems = false;
	// Filled while the file is read; the unit of work reads it at its commit.
	const precounted = { rows: 0, counts: new Map<string, number>() };
	const written = await unitOfWork(
		db,
		async (w) => {
			// A transaction run again (a conflict with another writer) reads the file again from the start.
			hadProblems = false;
			precounted.rows = 0;
			precounted.counts.clear();
			const writes: Promise<number>[] = [];
			let created = 0;
			let pending: OrderInput[] = [];
			const settle = async (ahead: number) => {
				while (writes.length > ahead) created += await writes.shift()!;
			};
			// Rows made ready and counted a slice at a time, with a turn of the event loop between slices.
			let ready: NewOrderRow[] = [];
			const prepare = async () => {
				const rows = await prepareOrderRows(db, pending, ingest);
				pending = [];
				countEntries({ grid: [], enforcement: [], orders: rows.map(orderStatsRow) }, FAR, EVER, precounted.counts);
				precounted.rows += rows.length;
				ready.push(...rows);
				await tick();
			};
			const flush = async () => {
				if (pending.length) await prepare();
				if (!ready.length) return;
				const write = writePreparedOrdersPg(w, ready, ingest).then((r) => r.created.length);
				ready = [];
				write.catch(() => {}); // awaited by settle; meanwhile a failure is not unhandled
				writes.push(write);
				await settle(IN_FLIGHT - 1);
				// Through the pool, not the transaction: other servers see it while the transaction runs.
				await reportProgress(db, imp.id, { phase: 'writing', rows: created, total: imp.valid_rows });
				await tick();
			};
			try {
				await scanOrderFile(path, imp.file_name, ctx, {
					order: async (order) => {
						pending.push(order);
						if (pending.length < SLICE) return;
						await prepare();
						if (ready.length >= (writes.length || created ? PG_BATCH : FIRST_SET)) await flush();
					},
					problems: () => (hadProblems = true)
				});
				if (hadProblems && mode === 'all_or_nothing') throw new RowsInvalid();
				await flush();
				await settle(0);
			} catch (e) {
				// Nothing of the transaction may still be running when it is rolled back.
				await Promise.allSettled(writes);
				throw e;
			}
			return created;
		},
		{ precounted }
	);
	await updateImport(db, imp.id, { status: 'committed', mode, written_rows: written, finished_at: Date.now() });
}

/** A new order as the statistics read it: what it has on receipt, nothing yet of what comes later. */
const orderStatsRow = (r: NewOrderRow): StatRows['orders'][number] => ({
	id: 0,
	order_no: r.order_no,
	status: r.status,
	category_code: r.category_code ?? null,
	community_id: r.community_id ?? null,
	area_id: r.area_id ?? null,
	department_id: r.department_id ?? null,
	received_at: r.received_at,
	has_phone: r.has_phone ?? 0,
	contact_outcome: r.contact_outcome ?? null,
	first_contact_due_at: r.first_contact_due_at ?? null,
	first_contact_at: r.first_contact_at ?? null,
	return_approved_at: r.return_approved_at ?? null,
	deadline_at: r.deadline_at ?? null,
	first_reply_at: r.first_reply_at ?? null,
	satisfaction: r.satisfaction ?? null,
	completed_at: r.completed_at ?? null
});
