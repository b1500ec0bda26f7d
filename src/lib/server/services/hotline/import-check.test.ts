import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { validationContextFrom } from '../../hotline-validation';
import { orderValidationData } from '../../repositories/hotline-reference';
import { checkRows, type Checker } from './import-check';
import { scanAll } from './import-check.fixtures';
import { HEADERS, mixedRows, tmp, valid, writeFile } from './import-jobs.files.fixtures';
import { NOW, useImportJobsEnv } from './import-jobs.fixtures';

// A file's rows checked a batch at a time, some later than others (by an import worker, as the built
// app's preview does), are taken in file order: the callbacks see exactly what a reading that checks
// each row in turn sees, duplicates in the file, notes, progress and a second header included.

const env = useImportJobsEnv();

/** A file of 2,600 rows: repeated and conflicting 工单号 across batches, bad rows, and the mixed rows. */
function bigRows() {
	const rows = Array.from({ length: 2600 }, (_, i) => valid(`CK-${String(i).padStart(5, '0')}`));
	rows.splice(700, 0, valid('CK-00003')); // the same line again: a note
	rows.splice(1900, 0, valid('CK-00010', { content: '另一件事' })); // another order under a 工单号 in the file
	rows.splice(1200, 0, ...mixedRows('CKM'));
	return rows;
}

async function contextFor() {
	const data = await orderValidationData(env.db, NOW);
	return { data, ctx: validationContextFrom(data) };
}

/** Answers every batch later, in an order of its own (the later ones sometimes first). */
const lateChecker = (ctx: ReturnType<typeof validationContextFrom>): Checker => {
	let n = 0;
	return (cells, keys) => {
		const answer = checkRows(cells, keys, ctx);
		const delay = [7, 0, 3, 1][n++ % 4];
		return new Promise((resolve) => setTimeout(() => resolve(answer), delay));
	};
};

describe('scanOrderFile with its rows checked later', () => {
	it('hands over the same orders, problems, notes and progress in the same order', async () => {
		const { ctx } = await contextFor();
		const file = await writeFile('utf-8', bigRows());
		const inTurn = await scanAll(file, 'big.csv', ctx);
		expect(inTurn.result).toMatchObject({ rows: 2611, repeated: 1 });
		expect(inTurn.calls.filter((c) => (c as [string])[0] === 'order')).toHaveLength(2603);
		expect(await scanAll(file, 'big.csv', ctx, lateChecker(ctx))).toEqual(inTurn);
	});

	it('stops at a second header in a later batch, as a reading in turn does', async () => {
		const { ctx } = await contextFor();
		const rows = Array.from({ length: 1300 }, (_, i) => valid(`CH-${String(i).padStart(5, '0')}`));
		rows.splice(1100, 0, HEADERS as never);
		const file = await writeFile('utf-8', rows);
		const inTurn = await scanAll(file, 'two.csv', ctx);
		expect(inTurn.failure).toEqual({ code: 'two_header_rows', line: 1102, otherLine: 1 });
		expect(await scanAll(file, 'two.csv', ctx, lateChecker(ctx))).toEqual(inTurn);
	});
});

describe('sharedChecker on an import worker', () => {
	it('gives the reading in turn, checks batches on the worker, keeps the worker warm for the next job, and survives its death', async () => {
		const { data, ctx } = await contextFor();
		const file = await writeFile('utf-8', bigRows());
		const inTurn = await scanAll(file, 'big.csv', ctx);
		const inFile = tmp.file(`check-${Math.random()}.bin`, v8.serialize({ path: file, name: 'big.csv', data }));
		const outFile = `${inFile}.out`;
		const fixture = path.resolve('src/lib/server/services/hotline/import-check.fixture.ts');
		execFileSync(process.execPath, ['--import', 'tsx', fixture, inFile, outFile], { stdio: 'inherit' });
		const { forked, deferred, keptWarm, freshAfter, killedAfter, despiteDeath, ...seen } = v8.deserialize(
			fs.readFileSync(outFile)
		);
		expect({ forked, keptWarm, freshAfter }).toEqual({ forked: true, keptWarm: true, freshAfter: true });
		expect(deferred).toBeGreaterThan(0);
		expect(seen).toEqual(inTurn);
		// A worker ended mid-reading: the rest is checked in turn, with the same result.
		expect(killedAfter).toBe(3);
		expect(despiteDeath).toEqual(inTurn);
	}, 60_000);
});
