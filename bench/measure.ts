// Small measuring helpers: medians, memory samplers, CPU time, number formatting.
import v8 from 'node:v8';
import vm from 'node:vm';

export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// A full collection on demand (as --expose-gc gives), so live memory can be told from garbage.
v8.setFlagsFromString('--expose_gc');
export const gc = vm.runInNewContext('gc') as () => void;

/** Peak of process.memoryUsage().rss, sampled every `everyMs` (the import yields to the event loop every 2,000 rows). */
export function rssSampler(everyMs = 50): { stop(): { start: number; peak: number } } {
	const start = process.memoryUsage().rss;
	let peak = start;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), everyMs);
	return {
		stop() {
			clearInterval(timer);
			return { start, peak: Math.max(peak, process.memoryUsage().rss) };
		}
	};
}

/**
 * Peak LIVE heap: a full GC every `everyMs` (and when asked, at the end of a phase), then heapUsed.
 * That is what the import really holds (RSS, or heapUsed without a GC, include garbage V8 has not
 * collected yet). Costs time: used in separate, untimed runs only.
 */
export function liveHeapSampler(everyMs = 1000): { peak(): number; reset(): void; stop(): number } {
	let peak = 0;
	const sample = () => {
		gc();
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	};
	const timer = setInterval(sample, everyMs);
	return {
		peak: () => (sample(), peak),
		reset: () => (peak = 0),
		stop: () => (clearInterval(timer), sample(), peak)
	};
}

/** CPU seconds of this process (all threads) since `from`. */
export function cpuSeconds(from: NodeJS.CpuUsage): number {
	const u = process.cpuUsage(from);
	return (u.user + u.system) / 1e6;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const rate = (n: number, ms: number) => (n * 1000) / ms;
export const fmtRate = (r: number) => Math.round(r).toLocaleString('en-US');
export const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Left-aligned first column, right-aligned others. */
export function table(rows: string[][]): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
	return rows
		.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
		.join('\n');
}
