// Restores a backup (backup.ts) into an empty data folder, then checks what it restored: the
// manifest's hashes (before and after copying), SQLite's own integrity and foreign-key checks, the
// statistics counts against the records they count, the hash chains and every photo and evidence
// file against its recorded SHA-256. Never writes over anything: a folder with data is refused.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createDatabase } from '../../db/create-database';
import { checkDatabase } from '../../db/maintenance';
import { countsReady, rebuildCounts } from '../stats/rebuild';
import {
	BACKUP_DB,
	FOLDERS,
	isEmptyOrMissing,
	MANIFEST,
	type DataPaths,
	type Manifest,
	type ManifestFile
} from './backup';
import { sha256File } from './verify-files';
import { verifyRecords } from './verify';

export class RestoreRefused extends Error {}

export async function readManifest(dir: string): Promise<Manifest> {
	const text = await readFile(path.join(dir, MANIFEST), 'utf8').catch(() => {
		throw new RestoreRefused(`${dir} has no ${MANIFEST}: not a backup made by npm run backup`);
	});
	let m: Manifest;
	try {
		m = JSON.parse(text) as Manifest;
	} catch {
		throw new RestoreRefused(`${dir}/${MANIFEST} is not valid JSON: not a manifest this version reads`);
	}
	if (m?.format !== 1 || !m.database || !Array.isArray(m.files))
		throw new RestoreRefused(`${dir}/${MANIFEST} is not a manifest this version reads`);
	return m;
}

/** The manifest's entries that do not match the files under `root`: [] when all do. */
export async function checkAgainstManifest(root: string, entries: readonly ManifestFile[]): Promise<string[]> {
	const bad: string[] = [];
	for (const f of entries) {
		const h = await sha256File(path.join(root, f.path));
		if (!h) bad.push(`${f.path}: missing`);
		else if (h.sha256 !== f.sha256 || h.bytes !== f.bytes)
			bad.push(`${f.path}: SHA-256 or size differs from the manifest`);
	}
	return bad;
}

/** Why the data folder cannot take a restore, or [] when it can. */
export async function occupied(to: DataPaths): Promise<string[]> {
	const found = ['', '-wal', '-shm'].map((s) => to.database + s).filter((f) => existsSync(f));
	for (const folder of FOLDERS) if (!(await isEmptyOrMissing(to[folder]))) found.push(`${to[folder]}/ (not empty)`);
	return found;
}

/** Restores and verifies; true when every check passed. Throws RestoreRefused before writing anything. */
export async function restoreBackup(from: string, to: DataPaths, log: (line: string) => void): Promise<boolean> {
	const manifest = await readManifest(from);
	const taken = await occupied(to);
	if (taken.length)
		throw new RestoreRefused(
			`restore goes into an empty data folder; these already hold data:\n  ${taken.join('\n  ')}`
		);
	const all = [manifest.database, ...manifest.files];
	const damaged = await checkAgainstManifest(from, all);
	if (damaged.length)
		throw new RestoreRefused(`the backup does not match its manifest:\n  ${damaged.slice(0, 20).join('\n  ')}`);
	log(
		`backup of ${manifest.createdAt} (schema ${manifest.schemaVersion}): database and ${manifest.files.length} files match the manifest`
	);

	await mkdir(path.dirname(to.database), { recursive: true });
	await copyFile(path.join(from, BACKUP_DB), to.database);
	for (const f of manifest.files) {
		const [folder, ...rest] = f.path.split('/');
		const target = path.join(to[folder as (typeof FOLDERS)[number]], ...rest);
		await mkdir(path.dirname(target), { recursive: true });
		await copyFile(path.join(from, f.path), target);
	}
	const copied = await checkAgainstManifest(path.dirname(to.database), [
		{ ...manifest.database, path: path.basename(to.database) }
	]);
	for (const folder of FOLDERS) {
		const mine = manifest.files
			.filter((f) => f.path.startsWith(`${folder}/`))
			.map((f) => ({ ...f, path: f.path.slice(folder.length + 1) }));
		copied.push(...(await checkAgainstManifest(to[folder], mine)));
	}
	log(
		copied.length
			? `restored files that differ from the manifest:\n  ${copied.join('\n  ')}`
			: `restored: database and ${manifest.files.length} files, all matching the manifest`
	);

	const db = createDatabase(to.database);
	try {
		const { integrity, orphans } = await checkDatabase(db);
		const integrityOk = integrity.length === 1 && integrity[0] === 'ok';
		log(`PRAGMA integrity_check: ${integrityOk ? 'ok' : integrity.slice(0, 10).join('; ')}`);
		log(
			`PRAGMA foreign_key_check: ${
				orphans.length
					? orphans
							.slice(0, 10)
							.map((o) => `${o.table} row ${o.rowid} → ${o.parent}`)
							.join('; ')
					: 'ok'
			}`
		);
		let statsOk = true;
		if (await countsReady(db)) {
			const r = await rebuildCounts(db, { write: false });
			statsOk = r.differences.length === 0;
			log(
				`statistics: ${r.rows} count rows rebuilt from the records, ${statsOk ? 'all agree with the kept counts' : `${r.differences.length} differ (npm run stats:rebuild repairs them)`}`
			);
		} else log('statistics: counts not built yet in this backup; the server builds them at start');
		const recordsOk = await verifyRecords(db, { photoDir: to.photos, evidenceDir: to.evidence }, log);
		return copied.length === 0 && integrityOk && orphans.length === 0 && statsOk && recordsOk;
	} finally {
		await db.destroy();
	}
}
