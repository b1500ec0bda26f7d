// Run by import-prepare.test.ts with `node --import tsx`: reads the import described in argv[2]
// (v8-serialised PrepareInput) the way the built app does, on a worker thread, and writes what came
// back to argv[3], so the test can compare it with the same reading done in Vitest's thread.
import fs from 'node:fs';
import v8 from 'node:v8';
import { canFork, prepareImportRows, type PrepareInput } from './import-prepare';
import { readAll } from './import-prepare.fixtures';

const input = v8.deserialize(fs.readFileSync(process.argv[2])) as PrepareInput;
const out = { forked: canFork, ...(await readAll(prepareImportRows(input))) };
fs.writeFileSync(process.argv[3], v8.serialize(out));
