// Re-hashes every stored photo and evidence file against the SHA-256 its sealed row recorded:
// case photos and 12345 evidence under the photo folder, camera frames and enforcement photos
// under the evidence folder. A swapped or damaged file is 'mismatch', a lost one 'missing'; a
// thumbnail (derived, never hashed) only has to be there. The files are read where they are kept:
// the folders, or the object store (storage/storage.ts).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Db } from '../../db/create-database';
import { streamFileRows } from '../../repositories/sealed';
import { storageAt } from '../../storage/storage';

export type FileProblemKind = 'mismatch' | 'missing' | 'thumb_missing';
export interface FileProblem {
	table: 'attachments' | 'hotline_attachments' | 'evidence_files';
	id: string;
	path: string;
	kind: FileProblemKind;
}
export interface FileReport {
	files: number;
	bytes: number;
	problems: FileProblem[];
	moreProblems: number;
}
export interface FileRoots {
	photoDir: string;
	evidenceDir: string;
}

const LISTED = 50;

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number } | null> {
	const hash = createHash('sha256');
	let bytes = 0;
	try {
		for await (const chunk of createReadStream(file)) {
			hash.update(chunk as Buffer);
			bytes += (chunk as Buffer).length;
		}
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw err;
	}
	return { sha256: hash.digest('hex'), bytes };
}

export async function verifyFiles(db: Db, roots: FileRoots): Promise<FileReport> {
	const report: FileReport = { files: 0, bytes: 0, problems: [], moreProblems: 0 };
	const flag = (p: FileProblem) => (report.problems.length < LISTED ? report.problems.push(p) : report.moreProblems++);
	const sources = [
		{ table: 'attachments', root: roots.photoDir },
		{ table: 'hotline_attachments', root: roots.photoDir },
		{ table: 'evidence_files', root: roots.evidenceDir }
	] as const;
	for (const { table, root } of sources) {
		const store = storageAt(root);
		for await (const row of streamFileRows(db, table)) {
			report.files++;
			const body = await store.get(row.path);
			if (!body) flag({ table, id: row.id, path: row.path, kind: 'missing' });
			else {
				report.bytes += body.length;
				const sha256 = createHash('sha256').update(body).digest('hex');
				if (sha256 !== row.sha256.toLowerCase()) flag({ table, id: row.id, path: row.path, kind: 'mismatch' });
			}
			if (!(await store.exists(row.thumb_path)))
				flag({ table, id: row.id, path: row.thumb_path, kind: 'thumb_missing' });
		}
	}
	return report;
}

export function describeFileProblem(p: FileProblem): string {
	const why = {
		mismatch: 'its SHA-256 differs from the one recorded: the file was replaced or damaged',
		missing: 'the file is missing',
		thumb_missing: 'the thumbnail is missing'
	}[p.kind];
	return `${p.table} ${p.id} (${p.path}): ${why}`;
}
