// Run by import-prepare.test.ts with `node --import tsx`: reads the import described in argv[2]
// (v8-serialised PrepareInput) the way the built app does, on a worker thread, and writes what came
// back to argv[3], so the test can compare it with the same reading done in Vitest's thread.
import fs from 'node:fs';
import v8 from 'node:v8';
import { canFork, prepareImportRows, type PrepareInput } from './import-prepare';
import { ImportFileError } from '../../import/errors';

const input = v8.deserialize(fs.readFileSync(process.argv[2])) as PrepareInput;
const prepared = prepareImportRows(input);
const rows = [];
let failure: { code: string; line?: number; otherLine?: number } | null = null;
try {
	for await (const batch of prepared.batches()) rows.push(...batch);
} catch (e) {
	if (!(e instanceof ImportFileError)) throw e;
	failure = { code: e.code, line: e.line, otherLine: e.otherLine };
}
const out = {
	forked: canFork,
	rows,
	hadProblems: prepared.hadProblems,
	total: prepared.rows,
	counted: prepared.counted,
	failure
};
fs.writeFileSync(process.argv[3], v8.serialize(out));
