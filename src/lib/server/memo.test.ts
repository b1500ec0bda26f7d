import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gridRow } from './services/stats/fixtures';
import { createTestDb, type TestDb } from './test-db';
import { memo } from './memo';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

describe('memo: a costly total kept until the database changes', () => {
	it('computes once per key; again after any write, after the time limit, or when the clock went back', async () => {
		const m = memo<number>(5_000);
		let calls = 0;
		const compute = async () => ++calls;
		expect(await m.get(t.db, 'a', 1_000, compute)).toBe(1);
		expect(await m.get(t.db, 'a', 2_000, compute)).toBe(1);
		expect(await m.get(t.db, 'b', 2_000, compute)).toBe(2);
		await gridRow(t.db, { status: 'handling', reportedAt: 0 }); // a write by any path
		expect(await m.get(t.db, 'a', 2_000, compute)).toBe(3);
		expect(await m.get(t.db, 'a', 6_999, compute)).toBe(3);
		expect(await m.get(t.db, 'a', 7_000, compute)).toBe(4);
		expect(await m.get(t.db, 'a', 6_000, compute)).toBe(5);
	});

	it('shares one computation among requests that arrive while it runs, and does not keep a failure', async () => {
		const m = memo<number>(5_000);
		let calls = 0;
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const slow = async () => {
			calls++;
			await gate;
			return 42;
		};
		const waiting = [m.get(t.db, 'n', 0, slow), m.get(t.db, 'n', 0, slow), m.get(t.db, 'n', 1, slow)];
		release();
		expect(await Promise.all(waiting)).toEqual([42, 42, 42]);
		expect(calls).toBe(1);

		await expect(m.get(t.db, 'bad', 0, async () => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
		expect(await m.get(t.db, 'bad', 0, async () => 7)).toBe(7);
	});

	it('sees a commit by another connection to the same file', async () => {
		const m = memo<number>(60_000);
		let calls = 0;
		await m.get(t.db, 'k', 0, async () => ++calls);
		const { createDatabase } = await import('./db/create-database');
		const other = createDatabase(`${t.dir}/gridcase.db`);
		await other.updateTable('cases').set({ supervised: 1 }).execute();
		await other.insertInto('settings').values({ key: 'x', value: '1' }).execute();
		await other.destroy();
		expect(await m.get(t.db, 'k', 0, async () => ++calls)).toBe(2);
	});

	it('keeps values per database, and at most maxEntries keys (oldest dropped first)', async () => {
		const m = memo<string>(60_000, 2);
		const second = await createTestDb();
		try {
			expect(await m.get(t.db, 'x', 0, async () => 'first')).toBe('first');
			expect(await m.get(second.db, 'x', 0, async () => 'second')).toBe('second');
			expect(await m.get(t.db, 'x', 0, async () => 'again')).toBe('first');
			await m.get(t.db, 'y', 0, async () => 'y');
			await m.get(t.db, 'z', 0, async () => 'z');
			expect(await m.get(t.db, 'x', 0, async () => 'recomputed')).toBe('recomputed');
		} finally {
			await second.cleanup();
		}
	});
});
