import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS } from '$lib/domain/settings';
import { evidenceDir, photoDir } from '../../config';
import { setSetting } from '../../repositories/settings';
import { createTestDb, listFiles, type TestDb } from '../../test-db';
import { seedAlert } from '../enforcement/fixtures';
import { purgeImportFiles, sweepLeftBehind, type DataRoots } from './housekeeping';
import { reportTestCase } from '../reported-case.fixtures';

const DAY = 86_400_000;
const NOW = Date.now();
let t: TestDb;
let roots: DataRoots;
beforeEach(async () => {
	t = await createTestDb();
	roots = { photos: photoDir(), evidence: evidenceDir(), imports: path.join(t.dir, 'imports') };
	fs.mkdirSync(roots.imports, { recursive: true });
});
afterEach(() => t.cleanup());

/** Writes `rel` under `root`, last modified `ageMs` ago. */
function put(root: string, rel: string, ageMs: number, body = 'x'): void {
	const file = path.join(root, rel);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, body);
	const at = new Date(NOW - ageMs);
	fs.utimesSync(file, at, at);
}

async function importRow(status: string, finishedAgo: number | null, kind = 'csv'): Promise<number> {
	const r = await t.db
		.insertInto('hotline_imports')
		.values({
			file_name: 'orders.csv',
			file_kind: kind,
			file_sha256: 'x',
			status,
			mode: null,
			report: null,
			created_by: t.users.get('diaodu')!,
			created_at: NOW - 400 * DAY,
			finished_at: finishedAgo === null ? null : NOW - finishedAgo
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	put(roots.imports, `${r.id}.${kind}`, 400 * DAY, '工单编号,来电号码\nA1,13800001111\n');
	return r.id;
}

describe('uploaded 12345 files', () => {
	it('are deleted once committed or refused and past the retention an admin set (30 days unless set), never before', async () => {
		const committedLongAgo = await importRow('committed', 31 * DAY);
		const committedLately = await importRow('committed', 5 * DAY);
		const refused = await importRow('failed', 40 * DAY, 'xlsx');
		const previewed = await importRow('previewed', null);
		const interrupted = await importRow('interrupted', null);
		expect((await purgeImportFiles(t.db, roots.imports, NOW)).sort()).toEqual(
			[`${committedLongAgo}.csv`, `${refused}.xlsx`].sort()
		);
		expect(listFiles(roots.imports)).toEqual(
			[`${committedLately}.csv`, `${previewed}.csv`, `${interrupted}.csv`].sort()
		);
		await setSetting(t.db, SETTINGS.importRetentionDays.key, '3');
		expect(await purgeImportFiles(t.db, roots.imports, NOW)).toEqual([`${committedLately}.csv`]);
		// Previews and interrupted imports may still be committed: their files stay.
		expect(listFiles(roots.imports)).toEqual([`${previewed}.csv`, `${interrupted}.csv`].sort());
		expect(
			await t.db
				.selectFrom('hotline_imports')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).toEqual({ n: 5 });
	});
});

describe('files left behind by a killed process', () => {
	it('are removed at start when the database refers to none of them and they are over an hour old; everything else stays', async () => {
		await reportTestCase(t.db, NOW);
		await seedAlert(t.db, { now: NOW });
		const kept = [
			...listFiles(roots.photos).map((f) => `photos/${f}`),
			...listFiles(roots.evidence).map((f) => `evidence/${f}`)
		];
		expect(kept).toHaveLength(6);
		for (const f of kept) {
			const file = path.join(t.dir, f);
			fs.utimesSync(file, new Date(NOW - 10 * DAY), new Date(NOW - 10 * DAY)); // referenced files, however old
		}
		const importId = await importRow('previewed', null);
		const orphanPhoto = '2026/12/0f1e2d3c4b5a69788796a5b4c3d2e1f0.jpg';
		put(roots.photos, orphanPhoto, 2 * 3_600_000);
		put(roots.photos, '2026/12/0f1e2d3c4b5a69788796a5b4c3d2e1f0_t.jpg', 2 * 3_600_000);
		put(roots.photos, '2026/12/aaaabbbbccccddddeeeeffff00001111.jpg', 10 * 60_000); // young: an upload may be under way
		put(
			roots.photos,
			'2026/12/aaaabbbbccccddddeeeeffff00002222.jpg.6f1c7a52-6f0e-4c55-9d7a-1b2c3d4e5f60.tmp',
			3 * 3_600_000
		);
		put(roots.evidence, '2026/12/6f1c7a52-6f0e-4c55-9d7a-1b2c3d4e5f60.png', 5 * DAY);
		put(roots.imports, '999.csv', 5 * DAY);
		put(roots.imports, `${importId}.csv.6f1c7a52-6f0e-4c55-9d7a-1b2c3d4e5f60.tmp`, 2 * 3_600_000);
		put(roots.imports, 'my-notes.txt', 50 * DAY); // not a name the app gives: not ours to remove

		const removed = (await sweepLeftBehind(t.db, roots, NOW))
			.map((f) => path.relative(t.dir, f).split(path.sep).join('/'))
			.sort();
		expect(removed).toEqual(
			[
				`photos/${orphanPhoto}`,
				'photos/2026/12/0f1e2d3c4b5a69788796a5b4c3d2e1f0_t.jpg',
				'photos/2026/12/aaaabbbbccccddddeeeeffff00002222.jpg.6f1c7a52-6f0e-4c55-9d7a-1b2c3d4e5f60.tmp',
				'evidence/2026/12/6f1c7a52-6f0e-4c55-9d7a-1b2c3d4e5f60.png',
				'imports/999.csv',
				`imports/${importId}.csv.6f1c7a52-6f0e-4c55-9d7a-1b2c3d4e5f60.tmp`
			].sort()
		);
		for (const f of kept) expect(fs.existsSync(path.join(t.dir, f)), f).toBe(true);
		expect(listFiles(roots.imports)).toEqual([`${importId}.csv`, 'my-notes.txt']);
		expect(listFiles(roots.photos)).toContain('2026/12/aaaabbbbccccddddeeeeffff00001111.jpg');
		expect(await sweepLeftBehind(t.db, roots, NOW)).toEqual([]);
	});

	it('keeps a referenced file even where the folders are set inside one another', async () => {
		await seedAlert(t.db, { now: NOW });
		const frames = listFiles(roots.evidence);
		// The photo folder set to the data folder itself: the evidence folder lies inside it.
		const nested = { ...roots, photos: t.dir };
		for (const f of frames) fs.utimesSync(path.join(roots.evidence, f), new Date(NOW - DAY), new Date(NOW - DAY));
		expect(await sweepLeftBehind(t.db, nested, NOW)).toEqual([]);
		expect(listFiles(roots.evidence)).toEqual(frames);
	});
});
