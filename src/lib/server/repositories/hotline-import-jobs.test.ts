import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, sqliteHandle } from '../db/create-database';
import { tempDir } from '../import/test-files';
import { holdAutocheckpoint } from './hotline-import-jobs';

const tmp = tempDir('gridcase-import-jobs-');
afterAll(() => tmp.cleanup());

describe('holdAutocheckpoint', () => {
	it("keeps the app's connection from copying the WAL in until the last holder gives it back", async () => {
		const file = path.join(tmp.dir, 'hold.db');
		const db = openDatabase(file);
		const sqlite = sqliteHandle(db)!;
		const setting = () => sqlite.pragma('wal_autocheckpoint', { simple: true });
		try {
			expect(setting()).toBe(1000);
			const first = holdAutocheckpoint(db);
			const second = holdAutocheckpoint(db);
			expect(setting()).toBe(0);
			// A commit of over 1,000 pages while held: the file stays small, the pages stay in the WAL.
			await sql`CREATE TABLE t (body TEXT)`.execute(db);
			const before = fs.statSync(file).size;
			sqlite.transaction(() => {
				const insert = sqlite.prepare('INSERT INTO t VALUES (?)');
				for (let i = 0; i < 2000; i++) insert.run('x'.repeat(3000));
			})();
			expect(fs.statSync(file).size).toBe(before);
			first();
			first(); // given back twice by the same holder: counted once
			expect(setting()).toBe(0);
			second();
			expect(setting()).toBe(1000);
			// Its next commit copies the WAL in as usual.
			await sql`INSERT INTO t VALUES ('y')`.execute(db);
			expect(fs.statSync(file).size).toBeGreaterThan(5_000_000);
		} finally {
			await db.destroy();
		}
	});
});
