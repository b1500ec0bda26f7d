import { photoDir } from '../config';
import { storageAt } from '../storage/storage';
import { storePhoto, validatePhotos, type PhotoError, type PhotoInput, type StoredPhoto } from '../photos';
import { insertAttachments } from '../repositories/case-events';
import type { Db } from '../db/create-database';

export type PhotoProblem = { field: string; code: PhotoError; index: number };

export async function checkPhotos(field: string, files: PhotoInput[], required: boolean): Promise<PhotoProblem | null> {
	const problem = await validatePhotos(files, { required });
	return problem ? { field, ...problem } : null;
}

/** Photos are written before the transaction; if it fails, `discard` removes them again. */
export async function storePhotos(files: PhotoInput[], now: number): Promise<StoredPhoto[]> {
	const stored: StoredPhoto[] = [];
	try {
		for (const f of files) stored.push(await storePhoto(photoDir(), f, now));
	} catch (e) {
		await discardPhotos(stored);
		throw e;
	}
	return stored;
}

export async function discardPhotos(photos: StoredPhoto[]): Promise<void> {
	const store = storageAt(photoDir());
	for (const p of photos) {
		await store.delete(p.path);
		await store.delete(p.thumbPath);
	}
}

export async function recordPhotos(
	db: Db,
	photos: StoredPhoto[],
	ctx: { caseId: number; eventId: number; kind: 'before' | 'after' | 'check'; userId: number; now: number }
): Promise<void> {
	await insertAttachments(
		db,
		photos.map((p) => ({
			id: p.id,
			case_id: ctx.caseId,
			event_id: ctx.eventId,
			kind: ctx.kind,
			path: p.path,
			thumb_path: p.thumbPath,
			mime: p.mime,
			width: p.width,
			height: p.height,
			bytes: p.bytes,
			sha256: p.sha256,
			original_name: p.originalName.slice(0, 200),
			captured_at: p.capturedAt,
			lng: p.lng,
			lat: p.lat,
			uploaded_by: ctx.userId,
			created_at: ctx.now
		}))
	);
}
