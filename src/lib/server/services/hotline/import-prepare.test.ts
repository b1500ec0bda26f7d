import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { orderValidationData } from '../../repositories/hotline-reference';
import { communityAreas } from '../../repositories/reference';
import { HEADERS, tmp, valid, writeFile } from './import-jobs.files.fixtures';
import { NOW, useImportJobsEnv } from './import-jobs.fixtures';
import { prepareImportRows, readingPerAttempt, type PreparedRows, type PrepareInput } from './import-prepare';
import { readAll } from './import-prepare.fixtures';

// The import's rows made on a worker thread (as the built app and the CLI make them) are the rows made
// in this thread, batch boundaries, problems, statistics and file-level failures included.

const env = useImportJobsEnv();

async function inputFor(file: string): Promise<PrepareInput> {
	return {
		path: file,
		name: path.basename(file),
		data: await orderValidationData(env.db, NOW),
		from: { origin: 'file', importId: 7, now: NOW },
		areaOf: [...(await communityAreas(env.db))]
	};
}

const inThisThread = (input: PrepareInput) => readAll(prepareImportRows(input, false));

function onWorkerThread(input: PrepareInput) {
	const inFile = tmp.file(`input-${Math.random()}.bin`, v8.serialize(input));
	const outFile = `${inFile}.out`;
	const fixture = path.resolve('src/lib/server/services/hotline/import-prepare.fixture.ts');
	execFileSync(process.execPath, ['--import', 'tsx', fixture, inFile, outFile], { stdio: 'inherit' });
	return v8.deserialize(fs.readFileSync(outFile));
}

describe('prepareImportRows', () => {
	it('makes the same rows on a worker thread as in this one, a problem row and the statistics included', async () => {
		const rows = Array.from({ length: 4500 }, (_, i) => valid(`PW-${String(i).padStart(5, '0')}`));
		rows.splice(2100, 0, valid('PW-BAD', { type: '表扬' }));
		const input = await inputFor(await writeFile('utf-8', rows));
		const here = await inThisThread(input);
		expect(here).toMatchObject({ hadProblems: true, total: 4500, failure: null });
		expect(here.rows[4499]).toMatchObject({ order_no: 'PW-04499', import_id: 7, origin: 'file', status: 'received' });
		expect(here.counted.size).toBeGreaterThan(0);
		const there = onWorkerThread(input);
		expect(there.forked).toBe(true);
		expect(there).toEqual({ forked: true, ...here });
	}, 60_000);

	it('hands each batch over once, and reads the file again for a transaction run again (busy, or a conflict on PostgreSQL)', async () => {
		const rows = Array.from({ length: 4100 }, (_, i) => valid(`PA-${String(i).padStart(5, '0')}`));
		const input = await inputFor(await writeFile('utf-8', rows));
		let started = 0;
		const reading = readingPerAttempt(() => (started++, prepareImportRows(input, false)));
		const read = async (prepared: PreparedRows) => {
			const got = [];
			for await (const batch of prepared.batches()) got.push(...batch.map((r) => r.order_no));
			return got;
		};
		const first = reading.read();
		expect(started).toBe(1); // started at once, before the transaction asks for it
		const firstRows = await read(first);
		expect(firstRows).toHaveLength(4100);
		expect(first.rows).toBe(4100);
		// Not kept: the same reading does not give its rows twice.
		await expect(read(first)).rejects.toThrow('handed over once');
		const second = reading.read();
		expect([started, second === first, reading.current === second]).toEqual([2, false, true]);
		expect(await read(second)).toEqual(firstRows);
		expect(second.rows).toBe(4100);
	});

	it('hands a file-level failure over as the same ImportFileError, line included', async () => {
		const rows = [valid('PH-001'), valid('PH-002'), HEADERS, valid('PH-003')];
		const input = await inputFor(await writeFile('utf-8', rows));
		const here = await inThisThread(input);
		expect(here.failure).toEqual({ code: 'two_header_rows', line: 4, otherLine: 1 });
		expect(onWorkerThread(input).failure).toEqual(here.failure);
	}, 60_000);
});
