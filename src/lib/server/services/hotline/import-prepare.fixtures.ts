import { ImportFileError } from '../../import/errors';
import type { PreparedRows } from './import-prepare';

/** Everything a reading handed over, as import-prepare.test.ts compares it across threads. */
export async function readAll(prepared: PreparedRows) {
	const rows = [];
	let failure: { code: string; line?: number; otherLine?: number } | null = null;
	try {
		for await (const batch of prepared.batches()) rows.push(...batch);
	} catch (e) {
		if (!(e instanceof ImportFileError)) throw e;
		failure = { code: e.code, line: e.line, otherLine: e.otherLine };
	}
	return { rows, hadProblems: prepared.hadProblems, total: prepared.rows, counted: prepared.counted, failure };
}
