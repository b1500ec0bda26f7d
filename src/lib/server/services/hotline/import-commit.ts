import type { Db } from '../../db/create-database';
import { loadCalendar } from '../../repositories/calendar';
import { updateImport } from '../../repositories/hotline-imports';
import { bulkFile, bulkWriter, holdAutocheckpoint } from '../../repositories/hotline-import-jobs';
import type { NewOrderRow, SqliteDatabase } from '../../repositories/hotline-order-writes';
import { orderValidationData } from '../../repositories/hotline-reference';
import { communityAreas } from '../../repositories/reference';
import { unitOfWork } from '../unit-of-work';
import { writePreparedOrders, writePreparedOrdersPg, type IngestContext } from './ingest';
import { PG_BATCH } from './ingest-postgres';
import { RowsInvalid, runImportJob, tick, type ImportMode, type ImportRow } from './import-jobs';
import { reportProgress } from './import-progress';
import { prepareImportRows, readingPerAttempt, type PreparedRows } from './import-prepare';
import { checkpointLater } from './import-worker';

/** SQLite: rows written between two turns of the event loop (each slice is a few milliseconds of the thread). */
const WRITE_BATCH = 500;
/** PostgreSQL: sets of rows the database writes while the next ones arrive (at most this many ahead). */
const IN_FLIGHT = 2;
/** PostgreSQL: a smaller first set (rows), so the database starts writing sooner; then PG_BATCH. */
const FIRST_SET = 1_000;

/** One commit: what the writing side of either database needs. */
interface Commit {
	imp: ImportRow;
	mode: ImportMode;
	ingest: Omit<IngestContext, 'sqlite'>;
	/** The reading of this attempt of the transaction: the rows are not kept, so one run again reads the file again. */
	read(): PreparedRows;
	/** What the rows add to the statistics, filled once every row is read; the unit of work uses it when every row turned out new. */
	precounted: { rows: number; counts: Map<string, number> };
	/** 'All or nothing' and a row with a problem: the transaction is rolled back. */
	refuse(): void;
	/** Called once every row is read and written. */
	finish(): void;
}

/**
 * Writes the import all or nothing, without holding up the centre: a worker thread reads, checks and
 * makes the rows ready (import-prepare.ts) while they are written in ONE transaction. On SQLite this
 * thread writes on a connection of its own, a slice at a time, yielding between slices (the centre's
 * reads go on); on PostgreSQL the database writes one set while the next arrives. Their statistics are
 * added once. A row with a problem ('all or nothing'), a file that turns out unreadable or a failed
 * write rolls all of it back; a crash or a kill leaves all of it or none of it, and committing again
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
		const data = await orderValidationData(db, now);
		const areaOf = [...(await communityAreas(db))];
		const from = { origin: ingest.origin, importId: imp.id, now };
		const reading = readingPerAttempt(() => prepareImportRows({ path, name: imp.file_name, data, from, areaOf }));
		const c: Commit = {
			imp,
			mode,
			ingest,
			read: reading.read,
			precounted: { rows: -1, counts: new Map() },
			refuse: () => {
				if (reading.current.hadProblems && mode === 'all_or_nothing') throw new RowsInvalid();
			},
			finish: () => {
				c.refuse();
				Object.assign(c.precounted, { rows: reading.current.rows, counts: reading.current.counted });
			}
		};
		try {
			await reportProgress(db, imp.id, { phase: 'writing', rows: 0, total: imp.valid_rows });
			const writeInBulk = bulkWriter(db, imp.id);
			if (writeInBulk) {
				await writeInBulk((own, sqlite) => writeOnSqlite(db, own, sqlite, c));
				void copyWalLater(db);
			} else await writeOnPostgres(db, c);
		} finally {
			reading.current.stop();
		}
	});
}

/** Inside the commit's transaction: the import says 'committed' exactly when its orders are there. */
const markCommitted = (trx: Db, c: Commit, written: number) =>
	updateImport(trx, c.imp.id, { status: 'committed', mode: c.mode, written_rows: written, finished_at: Date.now() });

/**
 * The WAL the bulk write left (its connection does not copy it in, see hotline-import-jobs.ts) is
 * copied into the file on the import worker after the commit, the app's connection leaving it too
 * meanwhile: neither the import's answer nor the app's thread waits for it.
 */
async function copyWalLater(db: Db): Promise<void> {
	const resume = holdAutocheckpoint(db);
	try {
		await checkpointLater(bulkFile(db));
	} finally {
		resume();
	}
}

/** SQLite, on the import's own connection `own`: prepared statements, a slice at a time. */
function writeOnSqlite(db: Db, own: Db, sqlite: SqliteDatabase, c: Commit): Promise<number> {
	const total = c.imp.valid_rows;
	return unitOfWork(
		own,
		async (w) => {
			let created = 0;
			for await (const rows of c.read().batches()) {
				c.refuse();
				for (let i = 0; i < rows.length; i += WRITE_BATCH) {
					created += writePreparedOrders(w, rows.slice(i, i + WRITE_BATCH), { ...c.ingest, sqlite }).created.length;
					// Not written to the row: this transaction holds SQLite's one writer (import-progress.ts).
					await reportProgress(db, c.imp.id, { phase: 'writing', rows: created, total, store: false });
					await tick();
				}
			}
			c.finish();
			await markCommitted(w.trx, c, created);
			return created;
		},
		{ precounted: c.precounted }
	);
}

/** PostgreSQL: sets of rows as arrays (ingest-postgres.ts), the database writing one while the next arrives. */
function writeOnPostgres(db: Db, c: Commit): Promise<number> {
	return unitOfWork(
		db,
		async (w) => {
			const writes: Promise<number>[] = [];
			let created = 0;
			let ready: NewOrderRow[] = [];
			const settle = async (ahead: number) => {
				while (writes.length > ahead) created += await writes.shift()!;
			};
			const flush = async () => {
				if (!ready.length) return;
				const write = writePreparedOrdersPg(w, ready, c.ingest).then((r) => r.created.length);
				ready = [];
				write.catch(() => {}); // awaited by settle; meanwhile a failure is not unhandled
				writes.push(write);
				await settle(IN_FLIGHT - 1);
				// Through the pool, not the transaction: other servers see it while the transaction runs.
				await reportProgress(db, c.imp.id, { phase: 'writing', rows: created, total: c.imp.valid_rows });
			};
			try {
				for await (const rows of c.read().batches()) {
					c.refuse();
					ready.push(...rows);
					if (ready.length >= (writes.length || created ? PG_BATCH : FIRST_SET)) await flush();
				}
				c.refuse();
				await flush();
				await settle(0);
			} catch (e) {
				// Nothing of the transaction may still be running when it is rolled back.
				await Promise.allSettled(writes);
				throw e;
			}
			c.finish();
			await markCommitted(w.trx, c, created);
			return created;
		},
		{ precounted: c.precounted }
	);
}
