import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, encodeGb18030, toCsv, utf8 } from '../../import/test-files';
import { registerImportFile } from './import-upload';
import {
	CODE,
	EXPECTED_PROBLEMS,
	FORMATS,
	HEADERS,
	mixedRows,
	tmp,
	valid,
	writeFile
} from './import-jobs.files.fixtures';
import { analyse, countEvents, countOrders, NOW, orders, store, useImportJobsEnv } from './import-jobs.fixtures';

// The import analysis report: counts and problems per line, in every file format, and the file-level failures.
// Writing the orders (commit modes, the upload path): import-jobs.commit.test.ts.

const env = useImportJobsEnv();

/** Runs `work` with a temp folder of its own (TMPDIR); what it left there. */
async function withOwnTempFolder<T>(work: () => Promise<T>): Promise<{ result: T; left: string[] }> {
	const before = process.env.TMPDIR;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-own-tmp-'));
	process.env.TMPDIR = dir;
	try {
		const result = await work();
		return { result, left: fs.readdirSync(dir) };
	} finally {
		if (before === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = before;
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

describe.each(FORMATS)('analyseImport, %s file', (format) => {
	const p = `AN${CODE[format]}`;

	beforeAll(async () => {
		// Already stored: -002 identical to the file's row, -003 with other content.
		await store([valid(`${p}-002`, { type: '咨询' }), valid(`${p}-003`)]);
	});

	it('counts total/valid/error/new/same/changed and reports each bad row by line, column and code', async () => {
		const before = { orders: await countOrders(), events: await countEvents() };
		const { row, report } = await analyse(await writeFile(format, mixedRows(p)));
		expect(row).toMatchObject({
			status: 'previewed',
			file_kind: format === 'xlsx' ? 'xlsx' : 'csv',
			total_rows: 9,
			valid_rows: 3,
			error_rows: 6,
			new_rows: 1,
			same_rows: 1,
			changed_rows: 1,
			written_rows: 0,
			finished_at: null
		});
		expect(report).toMatchObject({
			problems: EXPECTED_PROBLEMS,
			more: 0,
			changed: [`${p}-003`],
			repeated: 0,
			headerLine: 1
		});
		// Analysing writes nothing but the import's own report.
		expect({ orders: await countOrders(), events: await countEvents() }).toEqual(before);
	});

	it('a file missing a required column → failed, missing_columns; the file is let go (no worksheet left in the temp folder)', async () => {
		const headers = HEADERS.filter((h) => h !== '派单时间');
		const rows = mixedRows(`${p}-MC`).map((r) => r.slice(0, 8));
		const file = await writeFile(format, rows, headers);
		const { result, left } = await withOwnTempFolder(() => analyse(file));
		const { row, report } = result;
		expect(left).toEqual([]);
		expect(row).toMatchObject({ status: 'failed', total_rows: 0, valid_rows: 0, finished_at: NOW });
		expect(report).toEqual({ fileError: 'missing_columns', columns: ['派单时间'], headerLine: 1 });
	});
});

describe('analyseImport: file-level failures', () => {
	it('a CSV that is part UTF-8, part GB18030 → failed, mixed_encoding', async () => {
		const [first, ...rest] = mixedRows('ME').slice(0, 3);
		const bytes = concatBytes(utf8(toCsv([HEADERS, first])), encodeGb18030(toCsv(rest)));
		const { row, report } = await analyse(tmp.file('mixed.csv', bytes));
		expect(row.status).toBe('failed');
		expect(report).toEqual({ fileError: 'mixed_encoding', line: 3, otherLine: null });
		expect(await orders('ME')).toEqual([]);
	});

	it('two columns meaning the same field (工单号 and 工单编号) → failed, duplicate_columns (not "missing" with no column named)', async () => {
		const headers = [...HEADERS, '工单编号'];
		const rows = [[...valid('DC-001'), 'DC-001']];
		const { row, report } = await analyse(await writeFile('utf-8', rows, headers));
		expect(row).toMatchObject({ status: 'failed', total_rows: 0 });
		expect(report).toEqual({ fileError: 'duplicate_columns', columns: ['工单编号'], headerLine: 1 });
	});

	it('blank lines are skipped and do not shift the reported line numbers', async () => {
		const text = toCsv([
			HEADERS,
			valid('BL-001'),
			['', '', '', '', '', '', '', '', ''],
			valid('BL-002', { phone: 'abc' })
		]).replace('\r\n', '\r\n\r\n');
		const { row, report } = await analyse(tmp.file('blank.csv', text));
		expect(row).toMatchObject({ status: 'previewed', total_rows: 2, valid_rows: 1, error_rows: 1 });
		expect(report.problems).toEqual([{ line: 5, column: 'phone', code: 'invalid_phone' }]);
	});

	it('registering refuses a file that is neither CSV nor XLSX, or empty', async () => {
		expect(
			await registerImportFile(
				env.db,
				tmp.file('photo.csv', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3)),
				env.actorId,
				NOW
			)
		).toEqual({ ok: false, code: 'not_csv_or_xlsx' });
		expect(await registerImportFile(env.db, tmp.file('empty.csv', ''), env.actorId, NOW)).toEqual({
			ok: false,
			code: 'empty'
		});
	});
});
