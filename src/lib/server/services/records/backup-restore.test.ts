import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/create-database';
import { photoDir, evidenceDir } from '../../config';
import { createTestDb, listFiles, type TestDb } from '../../test-db';
import { seedAlert } from '../enforcement/fixtures';
import { rebuildCounts } from '../stats/rebuild';
import { takeBackup, type DataPaths } from './backup';
import { restoreBackup, RestoreRefused } from './restore';
import { reportTestCase, selfHandled } from '../reported-case.fixtures';

const NOW = Date.parse('2026-09-29T10:00:00+08:00');
let t: TestDb;
let from: DataPaths;
const dataIn = (dir: string): DataPaths => ({
	database: path.join(dir, 'gridcase.db'),
	photos: path.join(dir, 'photos'),
	evidence: path.join(dir, 'evidence'),
	imports: path.join(dir, 'imports')
});
const auditCount = async (db = t.db) =>
	Number(
		(
			await db
				.selectFrom('audit_log')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

beforeAll(async () => {
	t = await createTestDb();
	from = { ...dataIn(t.dir), photos: photoDir(), evidence: evidenceDir() };
	await reportTestCase(t.db, NOW, await selfHandled());
	await seedAlert(t.db, { now: NOW });
	await rebuildCounts(t.db, { write: true });
	fs.mkdirSync(from.imports, { recursive: true });
	fs.writeFileSync(path.join(from.imports, '1.csv'), '工单编号,来电号码\nA1,13800001111\n');
	fs.writeFileSync(path.join(from.photos, 'half-written.jpg.0b1c.tmp'), 'partial');
});
afterAll(async () => {
	await t.cleanup();
});

/** Another process writing chained rows as fast as it can, for as long as `during` runs. */
async function underWriteLoad<R>(
	during: () => Promise<R>
): Promise<{ result: R; writtenBefore: number; writtenAfter: number }> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', path.resolve('src/lib/server/services/records/write-load.fixture.ts'), from.database],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	let written = 0;
	child.stdout.on('data', (b: Buffer) => {
		const m = /written (\d+)\s*$/.exec(b.toString());
		if (m) written = Number(m[1]);
	});
	const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
	while (written < 300) await new Promise((r) => setTimeout(r, 50));
	const writtenBefore = written;
	const result = await during();
	const until = written + 300;
	while (written < until) await new Promise((r) => setTimeout(r, 50));
	child.kill('SIGTERM');
	expect(await exited).toBe(0);
	return { result, writtenBefore, writtenAfter: written };
}

describe('backup and restore', () => {
	it(
		'a backup taken while another process writes continuously restores into an empty folder and verifies',
		{ timeout: 60_000 },
		async () => {
			const target = path.join(t.dir, 'backup-1');
			const {
				result: manifest,
				writtenBefore,
				writtenAfter
			} = await underWriteLoad(() => takeBackup(from, target, new Date(NOW)));
			expect(writtenAfter).toBeGreaterThan(writtenBefore);
			// The newest SQLite migration, whichever it is (each one added would otherwise edit this line);
			// PostgreSQL's set sits in migrations/postgres/, which a SQLite backup never names.
			const sqliteMigrations = fs.readdirSync('migrations').filter((f) => f.endsWith('.ts'));
			expect(manifest.schemaVersion).toBe(sqliteMigrations.sort().at(-1)?.replace(/\.ts$/, ''));
			expect(manifest.files.map((f) => f.path.split('/')[0]).sort()).toEqual([
				'evidence',
				'evidence',
				'evidence',
				'evidence',
				'imports',
				'photos',
				'photos',
				'photos',
				'photos'
			]);
			expect(manifest.files.some((f) => f.path.endsWith('.tmp'))).toBe(false);
			expect(JSON.parse(fs.readFileSync(path.join(target, 'manifest.json'), 'utf8'))).toEqual(manifest);

			const to = dataIn(path.join(t.dir, 'restored'));
			const lines: string[] = [];
			expect(await restoreBackup(target, to, (l) => lines.push(l))).toBe(true);
			expect(lines.join('\n')).toMatch(
				/integrity_check: ok[\s\S]*foreign_key_check: ok[\s\S]*statistics: .* all agree[\s\S]*chains: .* all match[\s\S]*files: 4 photos and evidence files .* all match/
			);
			expect(listFiles(to.imports)).toEqual(['1.csv']);
			const restored = createDatabase(to.database);
			try {
				// Some of the writes made during the backup are in it, none after the snapshot, and every one in it is whole.
				const n = await auditCount(restored);
				expect(n).toBeGreaterThanOrEqual(writtenBefore);
				expect(n).toBeLessThan(writtenAfter);
				const setting = await restored
					.selectFrom('settings')
					.select('value')
					.where('key', '=', 'load_written')
					.executeTakeFirstOrThrow();
				expect(Number(setting.value)).toBe(n);
			} finally {
				await restored.destroy();
			}

			// A second restore into the same folder is refused before anything is written.
			await expect(restoreBackup(target, to, () => {})).rejects.toThrow(RestoreRefused);
			await expect(restoreBackup(target, to, () => {})).rejects.toThrow(/empty data folder[\s\S]*gridcase\.db/);
		}
	);

	it('refuses a damaged backup, naming the file, and a folder that is not a backup', async () => {
		const target = path.join(t.dir, 'backup-2');
		const manifest = await takeBackup(from, target, new Date(NOW));
		const photo = manifest.files.find((f) => f.path.startsWith('photos/'))!;
		fs.appendFileSync(path.join(target, photo.path), 'x');
		const to = dataIn(path.join(t.dir, 'restored-2'));
		await expect(restoreBackup(target, to, () => {})).rejects.toThrow(
			new RegExp(`does not match its manifest:\\s+${photo.path}`)
		);
		expect(fs.existsSync(to.database)).toBe(false);
		await expect(restoreBackup(t.dir, to, () => {})).rejects.toThrow(/no manifest\.json/);
		await expect(takeBackup(from, target, new Date(NOW))).rejects.toThrow(/not empty/);
	});
});
