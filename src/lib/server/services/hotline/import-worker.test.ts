import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../import/test-files';

const tmp = tempDir('gridcase-import-worker-');
afterAll(() => tmp.cleanup());

describe('checkpointLater', () => {
	it("copies a bulk write's pages from the WAL into the database file on an import worker, and keeps one worker warm for the next job", () => {
		const out = tmp.file(`checkpoint-${Math.random()}.json`);
		const fixture = path.resolve('src/lib/server/services/hotline/import-worker.fixture.ts');
		execFileSync(process.execPath, ['--import', 'tsx', fixture, out], { stdio: 'inherit' });
		const { forked, before, after, rows, warm } = JSON.parse(fs.readFileSync(out, 'utf8'));
		expect(forked).toBe(true);
		expect(rows).toBe(5000);
		// Nearly 2 MB of rows: only the empty table was in the file before; all of it after.
		expect(before).toBeLessThan(100_000);
		expect(after).toBeGreaterThan(1_500_000);
		// Opening the import page starts a worker and keeps one, not one per visit.
		expect(warm).toEqual({ fresh: true, same: true });
	}, 60_000);
});
