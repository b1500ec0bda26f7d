import { describe, expect, it } from 'vitest';
import { isBusy, isConflict, retryConflicts } from './busy';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('conflicts between writers', () => {
	it('PostgreSQL serialization failures and deadlocks are conflicts, and busy; other errors are neither', () => {
		expect([isConflict(pgError('40001')), isConflict(pgError('40P01'))]).toEqual([true, true]);
		expect([isBusy(pgError('40001')), isBusy(pgError('40P01'))]).toEqual([true, true]);
		// A unique violation or a lost connection is not run again: it may not be safe to.
		for (const code of ['23505', '57P01', 'ECONNRESET'])
			expect([isConflict(pgError(code)), isBusy(pgError(code))]).toEqual([false, false]);
		expect([isConflict(pgError('SQLITE_BUSY')), isBusy(pgError('SQLITE_BUSY'))]).toEqual([false, true]);
	});

	it('a request’s transaction is run again on a conflict until it gets through, and the answer is its own', async () => {
		let runs = 0;
		const answer = await retryConflicts(async () => {
			if (++runs < 3) throw pgError(runs === 1 ? '40001' : '40P01');
			return 'written';
		});
		expect({ runs, answer }).toEqual({ runs: 3, answer: 'written' });
	});

	it('any other error is thrown at once; conflicts past the attempts are thrown as they are', async () => {
		let runs = 0;
		const unique = pgError('23505');
		await expect(
			retryConflicts(async () => {
				runs++;
				throw unique;
			})
		).rejects.toBe(unique);
		expect(runs).toBe(1);
		runs = 0;
		await expect(
			retryConflicts(async () => {
				runs++;
				throw pgError('40001');
			}, 4)
		).rejects.toMatchObject({ code: '40001' });
		expect(runs).toBe(4);
	});
});
