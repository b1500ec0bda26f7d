// npm run bench — the case list page over 1,000,000 cases (issue 5) against a trivial SvelteKit page,
// both served by the built app on 127.0.0.1 and measured in the same run with autocannon
// (50 connections). Medians of several runs; targets: ≥ 50 % of the trivial page's requests/s and a
// p99 no worse than 2× the trivial page's. A benchmark reports, it does not fail (exit code 0).
// Knobs: BENCH_LIST_CASES (1,000,000), BENCH_LIST_RUNS (3), BENCH_LIST_SECONDS (8), BENCH_KEEP=1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { fmtRate, median, table } from './measure';

const CASES = Number(process.env.BENCH_LIST_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_LIST_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_LIST_SECONDS ?? 8);
const PORT = 4391;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-list-bench-'));
const dbPath = path.join(dir, 'gridcase.db');
process.env.DATABASE_PATH = dbPath;

const { createDatabase, sqliteHandle } = await import('../src/lib/server/db/create-database');
const { migrateToLatest } = await import('../src/lib/server/db/migrate');
const { loadReferenceData } = await import('../src/lib/server/repositories/reference-data');
const { seedDemoUsers } = await import('../seeds/demo-users');
const { fillCases } = await import('./fill');
const { createSession, SESSION_COOKIE } = await import('../src/lib/server/auth/session');
const { rebuildCounts } = await import('../src/lib/server/services/stats/rebuild');

if (!fs.existsSync('build/index.js')) throw new Error('build/ is missing: run `npm run build` first');
const now = Date.now();
const db = createDatabase(dbPath);
await migrateToLatest(db);
await loadReferenceData(db);
const users = await seedDemoUsers(db, now);
const fillMs = fillCases(sqliteHandle(db)!, CASES, now);
// The statistics counts, as the server would build them at its first start over these rows.
const countsStarted = performance.now();
await rebuildCounts(db, { write: true });
const countsMs = performance.now() - countsStarted;
const { token } = await createSession(db, users.get('diaodu')!, now);
await db.destroy();
console.log(
	`list benchmark: ${CASES.toLocaleString('en')} cases filled in ${(fillMs / 1000).toFixed(1)} s, their statistics counts built in ${(countsMs / 1000).toFixed(1)} s`
);

const base = `http://127.0.0.1:${PORT}`;
const server = spawn(process.execPath, ['build/index.js'], {
	env: { ...process.env, DATABASE_PATH: dbPath, PORT: String(PORT), HOST: '127.0.0.1', ORIGIN: base },
	stdio: ['ignore', 'ignore', 'inherit']
});
try {
	for (let i = 0; ; i++) {
		const ok = await fetch(`${base}/health`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) break;
		if (i > 200) throw new Error('the server did not start');
		await new Promise((r) => setTimeout(r, 100));
	}
	const cookie = `${SESSION_COOKIE}=${token}`;
	// What a dispatcher opens all day: open cases of one 片区, second page, and the overdue ones. Two
	// more pages tell where the time goes (not targets): a signed-in page of the app with a small
	// form (the layout, the session and a server load), and the list page with no case in its period.
	const pages = {
		trivial: '/health',
		list: '/cases?status=handling&area=2&page=2',
		overdue: '/cases?overdue=1',
		signedIn: '/account/password',
		emptyList: '/cases?status=handling&area=2&to=2000-01-01'
	} as const;
	const probe = await fetch(`${base}${pages.list}`, { headers: { cookie } });
	if (probe.status !== 200 || !(await probe.text()).includes('共'))
		throw new Error(`the list page answered ${probe.status}`);
	const results = Object.fromEntries(
		Object.keys(pages).map((k) => [k, { rps: [] as number[], p99: [] as number[] }])
	) as Record<keyof typeof pages, { rps: number[]; p99: number[] }>;
	for (let run = 0; run < RUNS; run++) {
		for (const [name, url] of Object.entries(pages) as [keyof typeof pages, string][]) {
			const r = await autocannon({ url: `${base}${url}`, connections: 50, duration: SECONDS, headers: { cookie } });
			if (r.non2xx) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
			results[name].rps.push(r.requests.average);
			results[name].p99.push(r.latency.p99);
		}
	}
	const rps = (k: keyof typeof pages) => median(results[k].rps);
	const p99 = (k: keyof typeof pages) => median(results[k].p99);
	console.log(
		`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; 50 connections, ${SECONDS} s × ${RUNS} runs, medians`
	);
	console.log(
		table([
			['page', 'req/s', 'p99 ms', 'req/s vs trivial', 'p99 vs trivial'],
			...(Object.keys(pages) as (keyof typeof pages)[]).map((k) => [
				`${k} ${pages[k]}`,
				fmtRate(rps(k)),
				String(p99(k)),
				`${((rps(k) / rps('trivial')) * 100).toFixed(0)} %`,
				`${(p99(k) / p99('trivial')).toFixed(2)}×`
			])
		])
	);
	for (const k of ['list', 'overdue'] as const) {
		const okRate = rps(k) >= 0.5 * rps('trivial');
		const okP99 = p99(k) <= 2 * p99('trivial');
		console.log(
			`${k}: ${okRate && okP99 ? 'meets' : 'MISSES'} the targets (≥ 50 % of the trivial page's req/s: ${okRate ? 'yes' : 'no'}; p99 ≤ 2×: ${okP99 ? 'yes' : 'no'})`
		);
	}
} finally {
	server.kill();
	if (process.env.BENCH_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
}
