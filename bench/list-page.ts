// npm run bench — the case list page over 1,000,000 cases (issue 5) against a trivial SvelteKit page,
// both served by the built app on 127.0.0.1 and measured in the same run with autocannon
// (50 connections). With PostgreSQL's binaries present, the same rows are copied into a throwaway
// cluster and the app measured on it with 1 and with 2 workers (WORKERS). Medians of several runs; targets: ≥ 50 % of the trivial page's requests/s and a
// p99 no worse than 2× the trivial page's. A benchmark reports, it does not fail (exit code 0).
// Knobs: BENCH_LIST_CASES (1,000,000), BENCH_LIST_RUNS (3), BENCH_LIST_SECONDS (8), BENCH_KEEP=1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
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
const { openDatabase } = await import('../src/lib/server/db/create-database');
const { findPgBin, startPgCluster } = await import('../src/lib/server/db/pg-cluster');
const { copySqliteToPg } = await import('./pg-copy');

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
type Page = keyof typeof pages;
type Figures = Record<Page, { rps: number; p99: number }>;

/** The built app started as `npm start` starts it, measured page by page; stopped afterwards. */
async function measureServer(env: Record<string, string>): Promise<Figures> {
	const server = spawn(process.execPath, ['scripts/start.js'], {
		env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', ORIGIN: base, ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	try {
		for (let i = 0; ; i++) {
			const ok = await fetch(`${base}/health`).then(
				(r) => r.ok,
				() => false
			);
			if (ok) break;
			if (i > 300) throw new Error('the server did not start');
			await new Promise((r) => setTimeout(r, 100));
		}
		const probe = await fetch(`${base}${pages.list}`, { headers: { cookie } });
		if (probe.status !== 200 || !(await probe.text()).includes('共'))
			throw new Error(`the list page answered ${probe.status}`);
		const runs = Object.fromEntries(Object.keys(pages).map((k) => [k, { rps: [] as number[], p99: [] as number[] }]));
		for (let run = 0; run < RUNS; run++) {
			for (const [name, url] of Object.entries(pages) as [Page, string][]) {
				const r = await autocannon({ url: `${base}${url}`, connections: 50, duration: SECONDS, headers: { cookie } });
				if (r.non2xx) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
				runs[name].rps.push(r.requests.average);
				runs[name].p99.push(r.latency.p99);
			}
		}
		return Object.fromEntries(
			Object.entries(runs).map(([k, v]) => [k, { rps: median(v.rps), p99: median(v.p99) }])
		) as Figures;
	} finally {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
}

const results: [string, Figures][] = [['SQLite, 1 worker', await measureServer({ DATABASE_PATH: dbPath })]];
if (findPgBin()) {
	const cluster = await startPgCluster();
	try {
		const url = await cluster.createDatabase('gridcase_bench');
		const pgDb = openDatabase(url);
		await migrateToLatest(pgDb);
		await pgDb.destroy();
		const sqlite = new Database(dbPath, { readonly: true });
		const t = performance.now();
		const copied = await copySqliteToPg(sqlite, url);
		sqlite.close();
		console.log(
			`the same rows copied to PostgreSQL in ${((performance.now() - t) / 1000).toFixed(1)} s (${[...copied.values()].reduce((a, b) => a + b, 0).toLocaleString('en')} rows)`
		);
		for (const workers of [1, 2])
			results.push([
				`PostgreSQL, ${workers} worker${workers > 1 ? 's' : ''}`,
				await measureServer({ DATABASE_URL: url, WORKERS: String(workers) })
			]);
	} finally {
		await cluster.stop();
	}
} else console.log('PostgreSQL: no initdb/postgres found (apt-get install postgresql): SQLite only');

try {
	console.log(
		`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${CASES.toLocaleString('en')} cases; 50 connections, ${SECONDS} s × ${RUNS} runs, medians`
	);
	const rows = [['database, workers', 'page', 'req/s', 'p99 ms', 'req/s vs trivial', 'p99 vs trivial']];
	for (const [name, f] of results)
		for (const k of Object.keys(pages) as Page[])
			rows.push([
				name,
				`${k} ${pages[k]}`,
				fmtRate(f[k].rps),
				String(f[k].p99),
				`${((f[k].rps / f.trivial.rps) * 100).toFixed(0)} %`,
				`${(f[k].p99 / f.trivial.p99).toFixed(2)}×`
			]);
	console.log(table(rows));
	for (const [name, f] of results)
		for (const k of ['list', 'overdue'] as const) {
			const okRate = f[k].rps >= 0.5 * f.trivial.rps;
			const okP99 = f[k].p99 <= 2 * f.trivial.p99;
			console.log(
				`${name}, ${k}: ${okRate && okP99 ? 'meets' : 'MISSES'} the targets (≥ 50 % of the trivial page's req/s: ${okRate ? 'yes' : 'no'}; p99 ≤ 2×: ${okP99 ? 'yes' : 'no'})`
			);
		}
	const one = results.find(([n]) => n === 'PostgreSQL, 1 worker')?.[1];
	const two = results.find(([n]) => n === 'PostgreSQL, 2 workers')?.[1];
	if (one && two)
		console.log(
			`PostgreSQL, list page: 2 workers / 1 worker = ${(two.list.rps / one.list.rps).toFixed(2)}× the requests/s (goal ≥ 1.6 on ≥ 4 cores; this machine has ${os.cpus().length})`
		);
} finally {
	if (process.env.BENCH_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
}
