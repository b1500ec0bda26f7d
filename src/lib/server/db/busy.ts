// Waiting for the database instead of failing. Every connection waits up to its
// busy_timeout for another one's write; a long write elsewhere (a rebuild, an import) can outlast
// that. Work that is safe to run again whole — one transaction, rolled back on the error — is retried
// here, saying so, until it gets through or `maxWaitMs` has passed.

/** SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED, or "database is locked". */
export function isBusy(e: unknown): boolean {
	const code = (e as { code?: unknown })?.code;
	if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return true;
	return e instanceof Error && /database is (locked|busy)/i.test(e.message);
}

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
