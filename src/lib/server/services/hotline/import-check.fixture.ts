// Run by import-check.test.ts with `node --import tsx`: reads the file described in argv[2]
// (v8-serialised { path, name, data }) with its rows' checks shared with an import worker, as the
// built app's preview does, and writes what the reading found to argv[3], with how the worker was
// used and kept, so the test can compare it with the same reading done in Vitest's thread.
import fs from 'node:fs';
import v8 from 'node:v8';
import { validationContextFrom, type OrderValidationData } from '../../hotline-validation';
import { sharedChecker } from './import-check';
import { scanAll } from './import-check.fixtures';
import { canFork, giveBack, isReady, takeWorker } from './import-worker';

const { path, name, data } = v8.deserialize(fs.readFileSync(process.argv[2])) as {
	path: string;
	name: string;
	data: OrderValidationData;
};
// A started worker, as after an earlier job (this small file is read before a new one would start).
const warm = takeWorker();
while (!isReady(warm)) await new Promise((r) => setTimeout(r, 10));
giveBack(warm, true);
const shared = sharedChecker(data);
let deferred = 0;
const seen = await scanAll(path, name, validationContextFrom(data), (cells, keys) => {
	const answer = shared.check(cells, keys);
	if (answer instanceof Promise) deferred++;
	return answer;
});
shared.stop();
// The worker that checked is kept, started, for the next job; one handed back mid-job is not kept.
const next = takeWorker();
const keptWarm = isReady(next);
giveBack(next, false);
const after = takeWorker();
const freshAfter = !isReady(after) && after !== next;
giveBack(after, true);

// A worker that dies mid-reading (here: ended after its third batch): its batches and the rest are
// checked on this thread, and the reading is the same.
while (!isReady(after)) await new Promise((r) => setTimeout(r, 10));
const dying = sharedChecker(data);
let sent = 0;
let killedAfter = 0;
const despiteDeath = await scanAll(path, name, validationContextFrom(data), (cells, keys) => {
	const answer = dying.check(cells, keys);
	if (answer instanceof Promise && ++sent === 3) {
		// Its end is heard later: a batch handed over meanwhile is answered here too.
		killedAfter = sent;
		void after.terminate();
	}
	return answer;
});
dying.stop();
const out = { forked: canFork, deferred, keptWarm, freshAfter, killedAfter, despiteDeath, ...seen };
fs.writeFileSync(process.argv[3], v8.serialize(out));
process.exit(0);
