import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../../../../seeds/demo-users';
import type { Actor } from '$lib/domain/access';
import { openDatabase, type Db } from '../db/create-database';
import { migrateToLatest } from '../db/migrate';
import { startPgCluster, type PgCluster } from '../db/pg-cluster';
import type { PhotoInput } from '../photos';
import { loadReferenceData } from '../repositories/reference-data';
import { actorOf, jpeg } from '../test-db';
import { verifyChains } from './records/verify-chains';
import { getCaseRow } from '../repositories/cases';
import { applyCaseAction } from './case-actions';
import { patrolReport } from './patrol-report.fixtures';
import { reportCase } from './report-case';
import { rebuildCounts } from './stats/rebuild';

// PostgreSQL restarted by its operator in the middle of a burst of reports. The app keeps its pool:
// the process does not fall over (a connection cut while lent out between two statements has
// nobody waiting on it), each write in flight fails whole and is reported to its caller, and the
// writes after the restart succeed on fresh connections. Nothing is half-written: every case has
// its report event and its photo, the day's codes run 1…N (a failed write gave its number back),
// the chains verify and the counts equal a rebuild. Its own cluster: the shared one is not restarted
// under other test files.
const NOW = Date.parse('2026-12-08T09:00:00+08:00');
const BURST = 40;
const AT_ONCE = 4;

let cluster: PgCluster;
let db: Db;
let previousPhotoDir: string | undefined;
let photoDir: string;
beforeAll(async () => {
	cluster = await startPgCluster();
	db = openDatabase(await cluster.createDatabase('restart'));
	previousPhotoDir = process.env.PHOTO_DIR;
	photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-restart-'));
	process.env.PHOTO_DIR = photoDir;
	await migrateToLatest(db);
	await loadReferenceData(db);
	await seedDemoUsers(db, Date.parse('2025-01-01T00:00:00Z'));
}, 60_000);
afterAll(async () => {
	await db?.destroy();
	await cluster?.stop();
	if (previousPhotoDir === undefined) delete process.env.PHOTO_DIR;
	else process.env.PHOTO_DIR = previousPhotoDir;
	if (photoDir) fs.rmSync(photoDir, { recursive: true, force: true });
});

const report = (actor: Actor, photo: PhotoInput) =>
	reportCase(db, actor, patrolReport([photo]), NOW).then(
		(r) => (r.ok ? { ok: true as const, caseId: r.caseId } : { ok: false as const, error: JSON.stringify(r) }),
		(e: Error) => ({ ok: false as const, error: e.message })
	);

describe('a PostgreSQL restart in the middle of a write burst', () => {
	it('fails the writes in flight whole, reports them, and the writes after it succeed', async () => {
		const actor = await actorOf(db, 'wangge');
		const photo = await jpeg();
		const results: Awaited<ReturnType<typeof report>>[] = [];
		let restarting: Promise<void> | null = null;
		// One 受理 holds its transaction open (between two statements) until the server is going down.
		const first = await report(actor, photo);
		if (!first.ok) throw new Error(first.error);
		let serverGoingDown: () => void = () => {};
		const goingDown = new Promise<void>((resolve) => (serverGoingDown = resolve));
		const held = applyCaseAction(
			db,
			await actorOf(db, 'diaodu'),
			first.caseId,
			1,
			{ action: 'accept' },
			[],
			NOW,
			() => goingDown
		).catch((e: Error) => ({ ok: false as const, error: e.message }));
		let next = 0;
		const worker = async () => {
			while (next < BURST) {
				const n = next++;
				if (n === BURST / 4 && !restarting) {
					restarting = cluster.restart();
					// The shutdown has been asked for; the held transaction's connection is cut under it.
					setTimeout(serverGoingDown, 200);
				}
				const r = await report(actor, photo);
				results.push(r);
				// A user told of a failure tries again a little later.
				if (!r.ok) await new Promise((resolve) => setTimeout(resolve, 100));
			}
		};
		await Promise.all(Array.from({ length: AT_ONCE }, worker));
		await restarting;
		const heldResult = await held;
		// After the restart: every write succeeds.
		const after = await Promise.all(Array.from({ length: 5 }, () => report(actor, photo)));

		// The held 受理 failed whole: the case is as it was reported.
		expect(heldResult.ok).toBe(false);
		expect((await getCaseRow(db, first.caseId))?.status).toBe('reported');
		expect(await db.selectFrom('case_events').select('action').where('case_id', '=', first.caseId).execute()).toEqual([
			{ action: 'report' }
		]);
		expect(after.every((r) => r.ok)).toBe(true);
		const failed = results.filter((r) => !r.ok);
		expect(failed.length).toBeGreaterThan(0);
		const acknowledged = [first, ...results, ...after].filter((r) => r.ok).map((r) => r.caseId);
		expect(acknowledged.length).toBeGreaterThan(5);

		// Exactly the acknowledged cases exist, each whole: its report event and its photo.
		const cases = await db.selectFrom('cases').select(['id', 'code']).orderBy('code').execute();
		expect(cases.map((c) => c.id).sort((a, b) => a - b)).toEqual([...acknowledged].sort((a, b) => a - b));
		const events = await db.selectFrom('case_events').select('case_id').where('action', '=', 'report').execute();
		const photos = await db.selectFrom('attachments').select('case_id').execute();
		expect(events.map((e) => e.case_id).sort((a, b) => a - b)).toEqual(cases.map((c) => c.id).sort((a, b) => a - b));
		expect(photos.map((e) => e.case_id).sort((a, b) => a - b)).toEqual(cases.map((c) => c.id).sort((a, b) => a - b));
		expect(cases.map((c) => c.code)).toEqual(cases.map((_, i) => `W20261208${String(i + 1).padStart(4, '0')}`));
		expect((await verifyChains(db)).problems).toEqual([]);
		expect((await rebuildCounts(db, { write: false })).differences).toEqual([]);
	}, 90_000);
});
