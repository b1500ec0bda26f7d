// Small measuring helpers: medians, a resident-memory sampler, number formatting.

export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Samples process.memoryUsage().rss every `everyMs` (the event loop must breathe: the import yields every 2,000 rows). */
export function rssSampler(everyMs = 50): { stop(): { start: number; peak: number; samples: number } } {
	const start = process.memoryUsage().rss;
	let peak = start;
	let samples = 1;
	const timer = setInterval(() => {
		const rss = process.memoryUsage().rss;
		samples++;
		if (rss > peak) peak = rss;
	}, everyMs);
	return {
		stop() {
			clearInterval(timer);
			const rss = process.memoryUsage().rss;
			return { start, peak: Math.max(peak, rss), samples: samples + 1 };
		}
	};
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const rate = (n: number, ms: number) => (n * 1000) / ms;
export const fmtRate = (r: number) => Math.round(r).toLocaleString('en-US');
export const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Left-aligned first column, right-aligned others. */
export function table(rows: string[][]): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
	return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

/** Forces a collection when node runs with --expose-gc, so each run starts from the same heap. */
export function collect(): void {
	(globalThis as { gc?: () => void }).gc?.();
}
