import { updateImport } from '../../repositories/hotline-imports';
import { whenFree } from '../../repositories/hotline-import-jobs';
import { fingerprintsLookup } from '../../repositories/hotline-orders';
import { orderValidationData } from '../../repositories/hotline-reference';
import { validationContextFrom } from '../../hotline-validation';
import { findFingerprints } from '../../repositories/hotline-order-writes';
import type { Db } from '../../db/create-database';
import { runImportJob, tick, type ImportRow } from './import-jobs';
import { reportProgress } from './import-progress';
import { scanOrderFile, type RowNote, type RowProblem } from './import-scan';
import { sharedChecker } from './import-check';
import { canFork } from './import-worker';

const REPORT_LIMIT = 500;

/** Checks every row and compares it with what is stored; writes only the import's own report. */
export function analyseImport(db: Db, imp: ImportRow, path: string, now: number): Promise<void> {
	return runImportJob(db, imp.id, now, async () => {
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
			const orderNos = chunk.map((v) => v.orderNo);
			const stored = lookup ? lookup(orderNos) : await findFingerprints(db, orderNos);
			for (const v of chunk) tally(v.orderNo, v.fingerprint, stored.get(v.orderNo));
		};
		const tally = (orderNo: string, fingerprint: string, known: string | undefined) => {
			if (known === undefined) return;
			if (known === fingerprint) counts.same++;
			else if (++counts.changed <= REPORT_LIMIT) changed.push(orderNo);
		};
		const lookup = fingerprintsLookup(db);
		let headerError: { fileError: 'missing_columns' | 'duplicate_columns'; columns: string[] } | null = null;
		const data = await orderValidationData(db, now);
		// The rows' checks shared with an import worker; it stays warm for the commit that follows.
		const ctx = validationContextFrom(data);
		const shared = canFork ? sharedChecker(data, ctx) : null;
		const { rows, repeated } = await scanOrderFile(path, imp.file_name, ctx, {
			check: shared?.check,
			// Two columns for one field are refused too; say so, rather than 'missing' with no column named.
			header: (h) => {
				headerLine = h.line;
				headerError = h.ok
					? null
					: h.missing.length
						? { fileError: 'missing_columns', columns: h.missing }
						: { fileError: 'duplicate_columns', columns: h.duplicate };
			},
			order: async (order, _line, fingerprint) => {
				validRows++;
				pending.push({ orderNo: order.orderNo, fingerprint });
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
				await reportProgress(db, imp.id, { phase: 'checking', rows: n });
				await tick();
			}
		}).finally(() => shared?.stop());
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
	});
}
