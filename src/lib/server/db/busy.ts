// Waiting for the database instead of failing. Every SQLite connection waits up to its
// busy_timeout for another one's write; a long write elsewhere (a rebuild, an import) can outlast
// that, and PostgreSQL answers concurrent writers that got in each other's way with a serialization
// failure or a deadlock. Work that is safe to run again whole — one transaction, rolled back on the
// error — is retried here until it gets through: the command-line tools saying so, for as long as
// `maxWaitMs`; a request's transaction silently and briefly (retryConflicts).

/** SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED, or "database is locked". */
export function isSqliteBusy(e: unknown): boolean {
	const code = (e as { code?: unknown })?.code;
	if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return true;
	return e instanceof Error && /database is (locked|busy)/i.test(e.message);
}

/**
 * PostgreSQL gave up on this transaction because of another one: a serialization failure (40001,
 * a serializable transaction whose reads another commit made stale) or a deadlock (40P01, one of
 * the two was chosen to give way). Either way it was rolled back whole, and running it again is safe.
 */
export function isConflict(e: unknown): boolean {
	const code = (e as { code?: unknown })?.code;
	return code === '40001' || code === '40P01';
}

/** Either database's way of saying "another writer is in the way; try again". */
export const isBusy = (e: unknown): boolean => isSqliteBusy(e) || isConflict(e);

export interface BusyRetry {
	/** Told before each wait: what is waiting, the attempt, and how long it has waited so far. */
	onWait?: (attempt: number, waitedMs: number, e: unknown) => void;
	maxWaitMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function retryWhileBusy<T>(
	work: () => Promise<T>,
	{ onWait, maxWaitMs = 10 * 60_000 }: BusyRetry = {}
): Promise<T> {
	const started = Date.now();
	for (let attempt = 1; ; attempt++) {
		try {
			return await work();
		} catch (e) {
			const waited = Date.now() - started;
			if (!isBusy(e) || waited >= maxWaitMs) throw e;
			onWait?.(attempt, waited, e);
			await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random() / 2));
		}
	}
}

/** For the command-line tools: one line each time they wait. */
export const sayWhenWaiting =
	(what: string) =>
	(attempt: number, waitedMs: number, e: unknown): void =>
		console.log(
			`${what}: the database is busy with other writes (${(e as { code?: string })?.code ?? 'locked'}); waiting and trying again (attempt ${attempt + 1}, ${(waitedMs / 1000).toFixed(1)} s so far)`
		);

/**
 * For a request's transaction: runs `work` again while PostgreSQL reports a conflict (40001, 40P01),
 * a few times and briefly, without telling anybody — the user sees the write succeed, or its real
 * error. `work` must be one whole transaction, so a failed attempt left nothing behind.
 */
export async function retryConflicts<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await work();
		} catch (e) {
			if (!isConflict(e) || attempt >= attempts) throw e;
			await sleep(Math.min(200, 5 * 2 ** attempt) * Math.random());
		}
	}
}
