// Nothing kept that should not be: deletes uploaded 12345 files once their import was
// committed or refused and the retention an admin set has run out, and removes what a killed
// process left in the data folders. A file the database refers to is never touched, nor one
// younger than an hour (an upload may be writing it), nor a file whose name the app never gives.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
	FINISHED_IMPORT_STATUSES,
	isImportFileExpired,
	isLeftBehind,
	type DataFolderKind
} from '$lib/domain/retention';
import { SETTINGS } from '$lib/domain/settings';
import type { Db } from '../../db/create-database';
import { listFinishedImports, listImportFiles } from '../../repositories/hotline-imports';
import { listFilePaths } from '../../repositories/sealed';
import { readSetting } from '../../repositories/settings';

export interface DataRoots {
	photos: string;
	evidence: string;
	imports: string;
}

export const importRetentionDays = (db: Db) => readSetting(db, SETTINGS.importRetentionDays);

const importFileName = (imp: { id: number; file_kind: string }) => `${imp.id}.${imp.file_kind}`;

/** Deletes the files of finished imports past their retention; returns the names deleted. */
export async function purgeImportFiles(db: Db, importsDir: string, now: number): Promise<string[]> {
	const days = await importRetentionDays(db);
	const finished = await listFinishedImports(db, FINISHED_IMPORT_STATUSES);
	const deleted: string[] = [];
	for (const imp of finished) {
		if (!isImportFileExpired(imp, days, now)) continue;
		const file = path.join(importsDir, importFileName(imp));
		const there = await stat(file).then(
			() => true,
			() => false
		);
		if (!there) continue;
		await rm(file, { force: true });
		deleted.push(importFileName(imp));
	}
	return deleted;
}

async function walk(root: string): Promise<{ rel: string; mtimeMs: number }[]> {
	const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
		if (e.code === 'ENOENT') return [];
		throw e;
	});
	const files: { rel: string; mtimeMs: number }[] = [];
	for (const e of entries) {
		if (!e.isFile()) continue;
		const full = path.join(e.parentPath, e.name);
		const s = await stat(full).catch(() => null);
		if (s) files.push({ rel: path.relative(root, full).split(path.sep).join('/'), mtimeMs: s.mtimeMs });
	}
	return files;
}

/** Every stored file the database refers to, as absolute paths (so folders set inside one another stay safe). */
async function referencedFiles(db: Db, roots: DataRoots): Promise<Set<string>> {
	const refs = new Set<string>();
	const add = (root: string, rel: string) => refs.add(path.resolve(root, rel));
	for (const table of ['attachments', 'hotline_attachments'] as const) {
		for (const r of await listFilePaths(db, table)) [r.path, r.thumb_path].forEach((p) => add(roots.photos, p));
	}
	for (const r of await listFilePaths(db, 'evidence_files'))
		[r.path, r.thumb_path].forEach((p) => add(roots.evidence, p));
	for (const r of await listImportFiles(db)) add(roots.imports, importFileName(r));
	return refs;
}

/** Removes what a killed process left behind in the three data folders; returns what it removed. */
export async function sweepLeftBehind(db: Db, roots: DataRoots, now: number): Promise<string[]> {
	const refs = await referencedFiles(db, roots);
	const removed: string[] = [];
	const folders: [string, DataFolderKind][] = [
		[roots.photos, 'media'],
		[roots.evidence, 'media'],
		[roots.imports, 'imports']
	];
	for (const [root, kind] of folders) {
		for (const f of await walk(root)) {
			const full = path.resolve(root, f.rel);
			if (!isLeftBehind(f.rel, kind, f.mtimeMs, refs.has(full), now)) continue;
			await rm(full, { force: true });
			removed.push(full);
		}
	}
	return removed;
}

/** At start: both, logged; then the import files again every few hours while the server runs. */
export async function keepHouse(db: Db, roots: DataRoots, log: (line: string) => void): Promise<void> {
	const left = await sweepLeftBehind(db, roots, Date.now());
	if (left.length)
		log(
			`removed ${left.length} files left behind by an interrupted write: ${left.slice(0, 5).join(', ')}${left.length > 5 ? ', …' : ''}`
		);
	const purge = async () => {
		const gone = await purgeImportFiles(db, roots.imports, Date.now());
		if (gone.length) log(`deleted ${gone.length} uploaded import files past their retention: ${gone.join(', ')}`);
	};
	await purge();
	setInterval(() => void purge().catch((e) => log(`import file retention failed: ${e}`)), 6 * 3_600_000).unref();
}
