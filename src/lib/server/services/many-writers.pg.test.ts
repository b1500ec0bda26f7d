import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../../../../seeds/demo-users';
import { migrateToLatest } from '../db/migrate';
import { pgTestDatabase, type PgTestDb } from '../db/pg-test-db';
import { loadReferenceData } from '../repositories/reference-data';
import { actorOf, jpeg } from '../test-db';
import type { Answer, Plan } from './many-writers.fixture';
import { verifyChains } from './records/verify-chains';
import { reportCase } from './report-case';
import { rebuildCounts } from './stats/rebuild';

// Several app servers on one PostgreSQL: two processes, each with its own pool, 25 writers each,
// all writing at once through the services a request calls. Each writer reports a case and walks it
// through 受理 and 立案; ten of them first race, two or three to a case, to 受理 the same four cases
// at the same version. Each also guesses wangge's password from one address and adds a place name
// (an audited change: the audit log is one chain over the whole table). Afterwards every write
// acknowledged to its user is in the case's event log exactly once, each race has exactly one
// winner (the others were told the case had changed), the day's case codes run 1…N with no gap and
// no repeat, exactly the five free guesses got through the throttle, every place name has its audit
// row, the sealed chains verify, and the kept statistics counts equal a rebuild from the records.
const PER_PROCESS = 25;
const SHARED = 4;
const NOW = Date.parse('2026-12-07T09:00:00+08:00');
const FIXTURE = fileURLToPath(new URL('./many-writers.fixture.ts', import.meta.url));
const TSX = path.resolve('node_modules/.bin/tsx');

let t: PgTestDb;
let photoDir: string;
beforeAll(async () => {
	t = await pgTestDatabase();
	photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-many-writers-'));
	await migrateToLatest(t.db);
	await loadReferenceData(t.db);
	await seedDemoUsers(t.db, Date.parse('2025-01-01T00:00:00Z'));
}, 60_000);
afterAll(async () => {
	await t?.cleanup();
	if (photoDir) fs.rmSync(photoDir, { recursive: true, force: true });
});

/** Starts one app process on `plan`; resolves `ready` once its pool is open and `done` with its answers. */
function appProcess(plan: Plan) {
	const child = spawn(TSX, [FIXTURE, JSON.stringify(plan)], {
		env: { ...process.env, PHOTO_DIR: photoDir },
		stdio: ['pipe', 'pipe', 'pipe']
	});
	let out = '';
	let err = '';
	child.stderr.on('data', (d) => (err += d));
	let onReady: () => void;
	const ready = new Promise<void>((resolve) => (onReady = resolve));
	child.stdout.on('data', (d) => {
		out += d;
		if (out.includes('ready\n')) onReady();
	});
	const done = new Promise<Answer[]>((resolve, reject) =>
		child.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`app process exited ${code}:\n${err.slice(-3000)}`));
			resolve(JSON.parse(out.split('\n').filter(Boolean).at(-1)!) as Answer[]);
		})
	);
	return { ready, done, go: () => child.stdin.end('go\n') };
}

describe('two app processes, 50 writers, one PostgreSQL', () => {
	it('every acknowledged write is there once, one winner per race, codes 1…N, counts equal a rebuild', async () => {
		const reporter = await actorOf(t.db, 'wangge');
		const shared: number[] = [];
		for (let i = 0; i < SHARED; i++) {
			const r = await reportCase(
				t.db,
				reporter,
				{
					mode: 'report',
					source: 'patrol',
					categoryCode: 'SH-HWSR-01',
					description: '共用',
					address: '东兰路 1 号',
					lng: 121.37792,
					lat: 31.15505,
					communityId: null,
					handlingNote: '',
					beforePhotos: [await jpeg()],
					afterPhotos: []
				},
				NOW - 60_000
			);
			if (!r.ok) throw new Error(JSON.stringify(r));
			shared.push(r.caseId);
		}
		// Five contenders in each process: each shared case is raced for from both processes.
		const writers = (p: number): Plan['writers'] =>
			Array.from({ length: PER_PROCESS }, (_, i) => ({
				place: `并发路${p}-${i}`,
				...(i < 5 ? { contend: { caseId: shared[(i + p) % SHARED], version: 1 } } : {})
			}));
		const community = await t.db.selectFrom('communities').select('id').executeTakeFirstOrThrow();
		const apps = [0, 1].map((p) =>
			appProcess({ url: t.url, now: NOW, communityId: community.id, writers: writers(p) })
		);
		await Promise.all(apps.map((a) => a.ready));
		for (const a of apps) a.go();
		let writing = true;
		const finished = Promise.all(apps.map((a) => a.done)).finally(() => (writing = false));
		// While they write: the counts compared with the records (one snapshot) agree every time, and a
		// rebuild that replaces them loses no writer's change.
		const comparisons: number[] = [];
		let rebuilt = false;
		while (writing) {
			comparisons.push((await rebuildCounts(t.db, { write: false })).differences.length);
			if (comparisons.length === 3) rebuilt = (await rebuildCounts(t.db, { write: true })).rows > 0;
		}
		const answers = (await finished).flat();
		expect(comparisons.length).toBeGreaterThan(3);
		expect(rebuilt).toBe(true);
		expect(comparisons.filter((n) => n !== 0)).toEqual([]);

		// Nobody saw a database error: each write was acknowledged, or refused as stale or locked out.
		expect(answers.filter((a) => !['ok', 'stale', 'locked'].includes(a.outcome))).toEqual([]);
		// The throttle: wangge from one address has five free failures, counted one after another.
		const guesses = answers.filter((a) => a.action === 'sign-in');
		expect(guesses.filter((a) => a.outcome === 'ok')).toHaveLength(5);
		const pair = await t.db
			.selectFrom('login_throttle')
			.selectAll()
			.where('key', '=', 'pair:wangge|10.0.0.9')
			.execute();
		expect(pair.map((r) => r.failures)).toEqual([5]);
		// Every place name added is there with its audit row.
		expect(await t.db.selectFrom('place_names').select('name').where('name', 'like', '并发路%').execute()).toHaveLength(
			2 * PER_PROCESS
		);
		const audited = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'place_name.create').execute();
		expect(audited).toHaveLength(2 * PER_PROCESS);
		const acknowledged = answers.filter((a) => a.outcome === 'ok' && a.caseId !== 0);
		expect(acknowledged.filter((a) => a.action === 'report')).toHaveLength(2 * PER_PROCESS);
		// Each race: exactly one winner, the others told the case changed.
		for (const id of shared) {
			const race = answers.filter((a) => a.caseId === id);
			expect(race.length).toBeGreaterThanOrEqual(2);
			expect(race.filter((a) => a.outcome === 'ok')).toHaveLength(1);
			expect((await t.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirst())?.version).toBe(
				2
			);
		}
		// Every acknowledged transition is in the log exactly once, and nothing else is.
		const events = await t.db.selectFrom('case_events').select(['case_id', 'action']).execute();
		const key = (caseId: number, action: string) => `${caseId} ${action}`;
		const logged = new Map<string, number>();
		for (const e of events) logged.set(key(e.case_id, e.action), (logged.get(key(e.case_id, e.action)) ?? 0) + 1);
		const expected = new Map<string, number>(shared.map((id) => [key(id, 'report'), 1]));
		for (const a of acknowledged)
			expected.set(key(a.caseId, a.action), (expected.get(key(a.caseId, a.action)) ?? 0) + 1);
		expect(Object.fromEntries(logged)).toEqual(Object.fromEntries(expected));
		expect([...expected.values()].every((n) => n === 1)).toBe(true);

		// The day's case codes: 1…N, each once.
		const codes = (await t.db.selectFrom('cases').select('code').execute()).map((c) => c.code).sort();
		const n = SHARED + 2 * PER_PROCESS;
		expect(codes).toEqual(Array.from({ length: n }, (_, i) => `W20261207${String(i + 1).padStart(4, '0')}`));

		expect((await verifyChains(t.db)).problems).toEqual([]);
		expect((await rebuildCounts(t.db, { write: false })).differences).toEqual([]);
	}, 90_000);
});
