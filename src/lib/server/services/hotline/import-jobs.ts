import type { OrderInput } from '$lib/domain/hotline-order-input';
import { orderFingerprint } from './fingerprint';
import { retryWhileBusy, sayWhenWaiting } from '../../db/busy';
import { onOwnConnection, sqliteHandle, type Db } from '../../db/create-database';
import { ImportFileError } from '../../import/errors';
import { loadCalendar } from '../../repositories/calendar';
import { updateImport } from '../../repositories/hotline-imports';
import { fingerprintLookup } from '../../repositories/hotline-orders';
import { orderValidationContext } from '../../repositories/hotline-reference';
import type { StatRows } from '../../repositories/stat-rows';
import { countEntries, FAR } from '../stats/counting';
import { findFingerprints, type NewOrderRow } from '../../repositories/hotline-order-writes';
import { unitOfWork } from '../unit-of-work';
import { ingestOrders, prepareOrderRows, writePreparedOrders, type IngestContext } from './ingest';
import { releaseImportJob } from './import-runner';
import { scanOrderFile, type RowNote, type RowProblem } from './import-scan';

export type ImportMode = 'all_or_nothing' | 'valid_only';

/** What an import stores as its report: the first problems row by row, changed orders, or a file-level failure. */
export interface ImportReport {
	problems?: RowProblem[];
	more?: number;
	/** Rows imported other than as written, or counted once: deadlines from the file, 居民区 found or 待定, repeated lines, title rows. */
	notes?: RowNote[];
	moreNotes?: number;
	/** Lines repeating an earlier line: counted once. */
	repeated?: number;
	/** The sheet row (CSV line) holding the column headers. */
	headerLine?: number;
	changed?: string[];
	fileError?: string;
	columns?: string[];
	line?: number | null;
	otherLine?: number | null;
}
const REPORT_LIMIT = 500;
const BATCH = 2000;
/** Rows written between two turns of the event loop: each slice is a few milliseconds of the thread. */
const WRITE_BATCH = 250;

/** Live progress of running jobs, by import id (in memory: a restarted server marks them interrupted). */
const progress = new Map<number, number>();
export const importProgress = (id: number) => progress.get(id) ?? 0;
const EVER = { from: '0000-01-01', to: '9999-12-31' };
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** 'All or nothing' met a row with a problem: the transaction is rolled back. */
class RowsInvalid extends Error {}

interface ImportRow {
	id: number;
	file_name: string;
	file_kind: string;
}

/** Checks every row and compares it with what is stored; writes only the import's own report. */
export async function analyseImport(db: Db, imp: ImportRow, path: string, now: number): Promise<void> {
	const problems: RowProblem[] = [];
	const notes: RowNote[] = [];
	let noteCount = 0;
	let headerLine: number | undefined;
	const badLines = new Set<number>();
	let validRows = 0;
	const counts = { same: 0, changed: 0 };
	const changed: string[] = [];
	// Compared with the stored orders a chunk at a time, so memory stays flat however long the file.
	let pending: { orderNo: string; fingerprint: string }[] = [];
	const compare = async () => {
		if (!pending.length) return;
		const chunk = pending;
		pending = [];
		const stored = await findFingerprints(
			db,
			chunk.map((v) => v.orderNo)
		);
		for (const v of chunk) tally(v.orderNo, v.fingerprint, stored.get(v.orderNo));
	};
	const tally = (orderNo: string, fingerprint: string, known: string | undefined) => {
		if (known === undefined) return;
		if (known === fingerprint) counts.same++;
		else if (++counts.changed <= REPORT_LIMIT) changed.push(orderNo);
	};
	// On SQLite, one prepared point look-up per order beats batched IN (…) queries built by Kysely.
	const lookup = fingerprintLookup(db);
	let headerError: { fileError: 'missing_columns' | 'duplicate_columns'; columns: string[] } | null = null;
	try {
		const ctx = await orderValidationContext(db, now);
		const { rows, repeated } = await scanOrderFile(path, imp.file_name, ctx, {
			// Two columns for one field are refused too; say so, rather than 'missing' with no column named.
			header: (h) => {
				headerLine = h.line;
				headerError = h.ok
					? null
					: h.missing.length
						? { fileError: 'missing_columns', columns: h.missing }
						: { fileError: 'duplicate_columns', columns: h.duplicate };
			},
			order: async (order) => {
				validRows++;
				if (lookup) {
					// Only an order already stored needs its fingerprint compared.
					const known = lookup(order.orderNo);
					return known === undefined ? undefined : tally(order.orderNo, orderFingerprint(order), known);
				}
				pending.push({ orderNo: order.orderNo, fingerprint: orderFingerprint(order) });
				if (pending.length >= 500) await compare();
			},
			problems: (p) => {
				badLines.add(p[0].line);
				if (problems.length < REPORT_LIMIT) problems.push(...p);
			},
			notes: (n) => {
				noteCount += n.length;
				if (notes.length < REPORT_LIMIT) notes.push(...n);
			},
			progress: async (n) => {
				progress.set(imp.id, n);
				await tick();
			}
		});
		await compare();
		await whenFree(imp.id, () =>
			updateImport(db, imp.id, {
				status: headerError ? 'failed' : 'previewed',
				total_rows: rows,
				valid_rows: validRows,
				error_rows: badLines.size,
				new_rows: validRows - counts.same - counts.changed,
				same_rows: counts.same,
				changed_rows: counts.changed,
				report: JSON.stringify(
					headerError
						? { ...(headerError as object), headerLine }
						: {
								problems,
								more: Math.max(0, badLines.size - new Set(problems.map((p) => p.line)).size),
								changed,
								notes,
								moreNotes: noteCount - notes.length,
								repeated,
								headerLine
							}
				),
				finished_at: headerError ? now : null
			})
		);
	} catch (e) {
		await fail(db, imp.id, e, now);
	} finally {
		progress.delete(imp.id);
		await whenFree(imp.id, () => releaseImportJob(db, imp.id));
	}
}

/**
 * Writes the import all or nothing, without holding up the centre: every row is read, checked and
 * made ready first, outside any transaction (other requests go on between chunks); then ONE short
 * transaction writes them, yielding between chunks, and adds their statistics once. A crash or a kill
 * leaves all of it or none of it, and committing again completes it (orders already stored count as
 * unchanged).
 */
export async function commitImport(
	db: Db,
	imp: ImportRow,
	path: string,
	mode: ImportMode,
	actorId: number,
	now: number
): Promise<void> {
	try {
		const ctx = await orderValidationContext(db, now);
		const calendar = await loadCalendar(db);
		const sqlite = sqliteHandle(db);
		const ingest = { origin: 'file' as const, importId: imp.id, actorId, apiKeyId: null, now, calendar };
		let hadProblems = false;
		if (!sqlite) return await commitWithKysely(db, imp, path, mode, ingest, ctx);
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
		// Written on a connection of its own, so the centre's reads go on while it writes (its writes
		// wait for the commit). Run again whole if another process holds the database too long.
		// The unit of work uses `counted` when every row turns out new, and judges the created ones otherwise.
		const written = await retryWhileBusy(
			() =>
				onOwnConnection(db, (own) =>
					unitOfWork(
						own,
						async (w) => {
							const handle = sqliteHandle(own) ?? sqlite;
							let created = 0;
							for (let i = 0; i < rows.length; i += WRITE_BATCH) {
								created += writePreparedOrders(w, rows.slice(i, i + WRITE_BATCH), { ...ingest, sqlite: handle }).created
									.length;
								progress.set(imp.id, created);
								await tick();
							}
							return created;
						},
						{ precounted: { rows: rows.length, counts: counted } }
					)
				),
			{ onWait: sayWhenWaiting(`import ${imp.id}`) }
		);
		await whenFree(imp.id, () =>
			updateImport(db, imp.id, { status: 'committed', mode, written_rows: written, finished_at: Date.now() })
		);
	} catch (e) {
		await fail(db, imp.id, e, now);
	} finally {
		progress.delete(imp.id);
		await whenFree(imp.id, () => releaseImportJob(db, imp.id));
	}
}

/** Any other dialect: the rows are written through Kysely as they are read, in one transaction. */
async function commitWithKysely(
	db: Db,
	imp: ImportRow,
	path: string,
	mode: ImportMode,
	ingest: Omit<IngestContext, 'sqlite'>,
	ctx: Awaited<ReturnType<typeof orderValidationContext>>
): Promise<void> {
	let hadProblems = false;
	const written = await unitOfWork(db, async (w) => {
		const trx = w.trx;
		let pending: OrderInput[] = [];
		let created = 0;
		const flush = async () => {
			created += (await ingestOrders(trx, pending, ingest)).created.length;
			pending = [];
			progress.set(imp.id, created);
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

async function fail(db: Db, id: number, e: unknown, now: number) {
	const code = e instanceof ImportFileError ? e.code : e instanceof RowsInvalid ? 'import_has_errors' : 'internal';
	if (code === 'internal') console.error(`import ${id} failed`, e);
	await whenFree(id, () =>
		updateImport(db, id, {
			status: 'failed',
			report: JSON.stringify({
				fileError: code,
				line: e instanceof ImportFileError ? (e.line ?? null) : null,
				otherLine: e instanceof ImportFileError ? (e.otherLine ?? null) : null
			}),
			finished_at: now
		})
	);
}

/** One statement of the import's own bookkeeping, waiting for the database as long as it takes. */
const whenFree = <T>(id: number, work: () => Promise<T>) =>
	retryWhileBusy(work, { onWait: sayWhenWaiting(`import ${id}`) });
