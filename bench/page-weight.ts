// npm run bench — page weight on a grid worker's phone (issue 13), measured in Chromium against the
// built app started as `npm start` does (compression included), on a 390×844 viewport:
//   - compressed JavaScript and total bytes of a cold load of /tasks and /cases/new (no cache, no
//     service worker), beside the sign-in page as this run's baseline;
//   - the time until the report form is usable (hydrated) on an emulated slow 4G link
//     (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip), cold, and again served by the service worker.
//     "Usable" is the page's own mark `gridcase:usable` (set when the app has hydrated), counted from
//     the navigation's start as load metrics are; the time seen from outside, which adds opening a
//     browser tab and Playwright's round trips, is printed beside it.
// Targets: /cases/new ≤ 80 KB compressed JavaScript, usable in < 2 s cold on that link, < 0.5 s repeat.
// Medians of BENCH_WEIGHT_RUNS (5). A benchmark reports, it does not fail.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { median, table } from './measure';

const RUNS = Number(process.env.BENCH_WEIGHT_RUNS ?? 5);
const PORT = Number(process.env.BENCH_WEIGHT_PORT ?? 4393);
const BASE = `http://127.0.0.1:${PORT}`;
const PHONE = {
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 3,
	isMobile: true,
	hasTouch: true,
	locale: 'zh-CN',
	timezoneId: 'Asia/Shanghai'
};
const SLOW_4G = {
	offline: false,
	latency: 150,
	downloadThroughput: (1.6e6 / 8) * 0.9,
	uploadThroughput: (750e3 / 8) * 0.9
};
const TARGET = { jsKb: 80, coldMs: 2000, repeatMs: 500 };
const chromiumPath =
	process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

if (!fs.existsSync('build/handler.js')) throw new Error('build/ is missing: run `npm run build` first');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-weight-'));
const dbPath = path.join(dir, 'gridcase.db');
process.env.DATABASE_PATH = dbPath;
process.env.PHOTO_DIR = path.join(dir, 'photos');
const { createDatabase } = await import('../src/lib/server/db/create-database');
const { migrateToLatest } = await import('../src/lib/server/db/migrate');
const { loadReferenceData } = await import('../src/lib/server/repositories/reference-data');
const { seedDemoUsers } = await import('../seeds/demo-users');
const { seedDemoCases } = await import('../seeds/demo-cases');
const db = createDatabase(dbPath);
await migrateToLatest(db);
await loadReferenceData(db);
const users = await seedDemoUsers(db, Date.now());
await seedDemoCases(db, users, Date.now());
await db.destroy();

const server = spawn(process.execPath, ['scripts/start.js'], {
	env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', ORIGIN: BASE },
	stdio: ['ignore', 'ignore', 'inherit']
});
const browser = await chromium.launch({
	executablePath: chromiumPath,
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run'
	]
});

interface Load {
	jsBytes: number;
	totalBytes: number;
	/** Navigation start → usable, in the page's clock. */
	ms: number;
	/** The same seen from the benchmark: from asking for the page to seeing it usable. */
	wallMs: number;
}

/** Bytes on the wire (compressed, headers included) by resource type, from the DevTools protocol. */
function meter(cdp: CDPSession) {
	const types = new Map<string, string>();
	let js = 0;
	let total = 0;
	cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
	cdp.on('Network.loadingFinished', (e) => {
		total += e.encodedDataLength;
		if (types.get(e.requestId) === 'Script') js += e.encodedDataLength;
	});
	return () => ({ js, total });
}

async function signedIn(
	serviceWorkers: 'allow' | 'block'
): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
	const context = await browser.newContext({ ...PHONE, baseURL: BASE, serviceWorkers });
	const login = await context.request.post('/login', {
		form: { username: 'wangge', password: 'gridcase-demo' },
		headers: { origin: BASE }
	});
	if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: serviceWorkers === 'block' });
	return { context, page, cdp };
}

/** One load until the page is usable: hydrated (SvelteKit's app has started and the form answers). */
async function load(page: Page, cdp: CDPSession, url: string, link: 'fast' | 'slow'): Promise<Load> {
	await cdp.send(
		'Network.emulateNetworkConditions',
		link === 'slow' ? SLOW_4G : { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }
	);
	const read = meter(cdp);
	const started = performance.now();
	await page.goto(url, { waitUntil: 'commit' });
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
	const wallMs = performance.now() - started;
	const ms = await page.evaluate(() => performance.getEntriesByName('gridcase:usable')[0]?.startTime ?? Number.NaN);
	await page.waitForLoadState('networkidle');
	const { js, total } = read();
	return { jsBytes: js, totalBytes: total, ms, wallMs };
}

async function cold(url: string, link: 'fast' | 'slow'): Promise<Load> {
	const { context, page, cdp } = await signedIn('block');
	try {
		return await load(page, cdp, url, link);
	} finally {
		await context.close();
	}
}

/** A second visit once the service worker is installed and has kept the page. */
async function repeat(url: string): Promise<Load> {
	const { context, page, cdp } = await signedIn('allow');
	try {
		await page.goto(url);
		await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
		await page.waitForFunction(async (u) => {
			for (const name of await caches.keys())
				if (name.startsWith('pages-') && (await (await caches.open(name)).match(location.origin + u))) return true;
			return false;
		}, url);
		const again = await context.newPage();
		const cdp2 = await context.newCDPSession(again);
		await cdp2.send('Network.enable');
		return await load(again, cdp2, url, 'slow');
	} finally {
		await context.close();
		void cdp;
	}
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const mid = (loads: Load[], k: keyof Load) => median(loads.map((l) => l[k]));

try {
	for (let i = 0; ; i++) {
		if (
			await fetch(`${BASE}/login`).then(
				(r) => r.ok,
				() => false
			)
		)
			break;
		if (i > 300) throw new Error('the server did not start');
		await new Promise((r) => setTimeout(r, 100));
	}
	const runs = (f: () => Promise<Load>) =>
		Array.from({ length: RUNS }).reduce<Promise<Load[]>>(
			async (acc) => [...(await acc), await f()],
			Promise.resolve([])
		);
	const baseline = await runs(async () => {
		const context = await browser.newContext({ ...PHONE, baseURL: BASE, serviceWorkers: 'block' });
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		try {
			return await load(page, cdp, '/login', 'fast');
		} finally {
			await context.close();
		}
	});
	const tasks = await runs(() => cold('/tasks', 'fast'));
	const form = await runs(() => cold('/cases/new', 'fast'));
	const formSlow = await runs(() => cold('/cases/new', 'slow'));
	const formRepeat = await runs(() => repeat('/cases/new'));
	const base = { js: mid(baseline, 'jsBytes'), total: mid(baseline, 'totalBytes') };
	const row = (name: string, loads: Load[]) => [
		name,
		kb(mid(loads, 'jsBytes')),
		`${(mid(loads, 'jsBytes') / base.js).toFixed(2)}×`,
		kb(mid(loads, 'totalBytes')),
		`${(mid(loads, 'totalBytes') / base.total).toFixed(2)}×`,
		`${Math.round(mid(loads, 'ms'))} ms`
	];
	console.log(`\npage weight on a 390×844 phone, cold (no cache, no service worker), medians of ${RUNS}:`);
	console.log(
		table([
			['page', 'JS (compressed)', 'vs sign-in', 'all bytes', 'vs sign-in', 'usable (local)'],
			row('/login (baseline)', baseline),
			row('/tasks', tasks),
			row('/cases/new', form)
		])
	);
	const js = mid(form, 'jsBytes') / 1024;
	const coldMs = mid(formSlow, 'ms');
	const repeatMs = mid(formRepeat, 'ms');
	console.log(`\n/cases/new on slow 4G (1.6 Mbit/s, 150 ms RTT), time until the form is usable, medians of ${RUNS}:`);
	const wall = (loads: Load[]) => `${Math.round(mid(loads, 'wallMs'))} ms`;
	console.log(
		table([
			['load', 'usable after', 'target', 'seen from outside', 'bytes'],
			[
				'cold',
				`${Math.round(coldMs)} ms`,
				`< ${TARGET.coldMs} ms ${coldMs < TARGET.coldMs ? 'met' : 'NOT met'}`,
				wall(formSlow),
				kb(mid(formSlow, 'totalBytes'))
			],
			[
				'repeat (service worker)',
				`${Math.round(repeatMs)} ms`,
				`< ${TARGET.repeatMs} ms ${repeatMs < TARGET.repeatMs ? 'met' : 'NOT met'}`,
				wall(formRepeat),
				kb(mid(formRepeat, 'totalBytes'))
			]
		])
	);
	console.log(
		`/cases/new JavaScript: ${js.toFixed(1)} KB compressed (target ≤ ${TARGET.jsKb} KB: ${js <= TARGET.jsKb ? 'met' : 'NOT met'})`
	);
} finally {
	await browser.close();
	server.kill();
	if (process.env.BENCH_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
}
