// Evidence (camera frames, enforcement photos) is kept byte for byte as received: unlike case photos
// (photos.ts) it is never re-encoded, so the SHA-256 recorded at capture is the hash of the
// original and anyone can re-check it later. Only the display thumbnail is derived.
// No SvelteKit imports and no clock: callers pass `now` (ms since epoch).
import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { sniffImageType } from './photos';
import { storageAt } from './storage/storage';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** Decompression-bomb guard, as for photos. */
const MAX_INPUT_PIXELS = 120_000_000;
const THUMB_WIDTH = 320;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export type EvidenceMime = 'image/jpeg' | 'image/png' | 'image/webp';
export type EvidenceError = 'empty' | 'too_large' | 'not_image' | 'unsupported_type';
export type EvidenceInput = { name: string; bytes: Uint8Array };

export interface StoredEvidence {
	id: string;
	/** Relative to the evidence root, always '/'-separated. */
	path: string;
	thumbPath: string;
	mime: EvidenceMime;
	/** Size and SHA-256 (hex) of the original bytes, which are exactly what is stored. */
	bytes: number;
	width: number;
	height: number;
	sha256: string;
}

export type EvidenceCheck = 'ok' | 'mismatch' | 'missing';

export class EvidenceValidationError extends Error {
	readonly code: EvidenceError;
	constructor(code: EvidenceError) {
		super(`evidence rejected: ${code}`);
		this.name = 'EvidenceValidationError';
		this.code = code;
	}
}

const EXT: Record<EvidenceMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const SHARP_FORMAT: Record<EvidenceMime, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

/** Image formats we recognise but refuse (GIF, BMP, TIFF, HEIC/AVIF). */
function isOtherImage(b: Uint8Array): boolean {
	const head = String.fromCharCode(...b.subarray(0, 12));
	return (
		/^GIF8[79]a/.test(head) ||
		head.startsWith('BM') ||
		head.startsWith('II*\0') ||
		head.startsWith('MM\0*') ||
		/^....ftyp(hei[cx]|hevc|mif1|msf1|avi[fs])/s.test(head)
	);
}

type Inspected =
	{ code: EvidenceError } | { code: null; mime: EvidenceMime; width: number; height: number; thumb: Buffer };

/** Decodes every pixel (truncated or corrupt data fails) and makes the thumbnail on the way. */
async function inspect(bytes: Uint8Array): Promise<Inspected> {
	if (bytes.length === 0) return { code: 'empty' };
	if (bytes.length > MAX_EVIDENCE_BYTES) return { code: 'too_large' };
	const mime = sniffImageType(bytes);
	if (!mime) return { code: isOtherImage(bytes) ? 'unsupported_type' : 'not_image' };
	const opts = { failOn: 'truncated', limitInputPixels: MAX_INPUT_PIXELS } as const;
	try {
		const meta = await sharp(bytes, opts).metadata();
		if (meta.format !== SHARP_FORMAT[mime] || !meta.width || !meta.height) return { code: 'not_image' };
		const thumb = await sharp(bytes, opts)
			.rotate()
			.flatten({ background: '#ffffff' })
			.resize({ width: THUMB_WIDTH, withoutEnlargement: true })
			.jpeg({ quality: 80 })
			.toBuffer();
		return { code: null, mime, width: meta.width, height: meta.height, thumb };
	} catch (err) {
		return { code: /pixel limit/i.test(String(err)) ? 'too_large' : 'not_image' };
	}
}

/** The problem with a file, or null: lets a caller check every file before writing any. */
export async function validateEvidence(input: EvidenceInput): Promise<EvidenceError | null> {
	return (await inspect(input.bytes)).code;
}

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Stores the original bytes unchanged plus a 320 px JPEG thumbnail; throws EvidenceValidationError. */
export async function storeEvidence(rootDir: string, input: EvidenceInput, now: number): Promise<StoredEvidence> {
	if (!Number.isFinite(now)) throw new TypeError('storeEvidence: `now` must be a finite timestamp');
	const checked = await inspect(input.bytes);
	if (checked.code !== null) throw new EvidenceValidationError(checked.code);
	const local = new Date(now + SHANGHAI_OFFSET_MS); // Asia/Shanghai year/month folders
	const dir = `${local.getUTCFullYear()}/${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
	const id = randomUUID();
	const rel = { path: `${dir}/${id}.${EXT[checked.mime]}`, thumbPath: `${dir}/${id}_t.jpg` };
	// The folder, or the object store all servers share (storage/storage.ts).
	const store = storageAt(rootDir);
	await store.put(rel.path, input.bytes);
	try {
		await store.put(rel.thumbPath, checked.thumb);
	} catch (err) {
		await store.delete(rel.path).catch(() => {});
		throw err;
	}
	return {
		id,
		...rel,
		mime: checked.mime,
		bytes: input.bytes.length,
		width: checked.width,
		height: checked.height,
		sha256: sha256Hex(input.bytes)
	};
}

/** Re-hashes the stored file against the hash recorded at capture. */
export async function verifyEvidence(rootDir: string, row: { path: string; sha256: string }): Promise<EvidenceCheck> {
	const data = await storageAt(rootDir).get(row.path);
	if (!data) return 'missing';
	return sha256Hex(data) === row.sha256.toLowerCase() ? 'ok' : 'mismatch';
}

/** Removes files written before a transaction that then failed (never files already recorded). */
export async function discardEvidence(
	rootDir: string,
	stored: readonly Pick<StoredEvidence, 'path' | 'thumbPath'>[]
): Promise<void> {
	const store = storageAt(rootDir);
	for (const s of stored) {
		await store.delete(s.path);
		await store.delete(s.thumbPath);
	}
}

/** Stores several files, all or none: if one fails, those already written are removed. */
export async function storeEvidenceAll(
	rootDir: string,
	inputs: readonly EvidenceInput[],
	now: number
): Promise<StoredEvidence[]> {
	const stored: StoredEvidence[] = [];
	try {
		for (const input of inputs) stored.push(await storeEvidence(rootDir, input, now));
	} catch (err) {
		await discardEvidence(rootDir, stored).catch(() => {});
		throw err;
	}
	return stored;
}
