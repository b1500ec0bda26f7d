// Server-only photo intake: validate, strip metadata, re-encode to JPEG, store atomically.
// No SvelteKit imports and no clock: callers pass `now` (ms since epoch).
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { readExifFacts } from './exif';
import { storageAt } from './storage/storage';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024; // per file
export const MAX_PHOTOS_PER_EVENT = 6;
/** Decompression-bomb guard (a 10 MB PNG can claim 16k x 16k); ~108 MP phone shots still pass. */
const MAX_INPUT_PIXELS = 120_000_000;
const MAX_LONG_SIDE = 2048;
const THUMB_WIDTH = 320;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export type PhotoError = 'too_large' | 'not_image' | 'unsupported_type' | 'too_many' | 'empty';
/** `recorded`: when and where the phone took it, for photos scaled on the phone (which drops EXIF). */
export type PhotoInput = {
	name: string;
	bytes: Uint8Array;
	recorded?: { at: number; lng: number | null; lat: number | null };
};

export interface StoredPhoto {
	id: string;
	mime: 'image/jpeg';
	width: number;
	height: number;
	bytes: number;
	sha256: string; // of the stored (re-encoded) file
	originalName: string;
	capturedAt: number | null; // EXIF DateTimeOriginal, ms UTC (see exif.ts for zone handling)
	lng: number | null;
	lat: number | null; // EXIF GPS (WGS-84)
	path: string;
	thumbPath: string; // relative to the photo root, always '/'-separated
}

export class PhotoValidationError extends Error {
	readonly code: PhotoError;
	constructor(code: PhotoError) {
		super(`photo rejected: ${code}`);
		this.name = 'PhotoValidationError';
		this.code = code;
	}
}

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** Accepted types, by magic bytes only. */
export function sniffImageType(buf: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
	if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
	if (buf.length >= 8 && ascii(buf, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
	if (buf.length >= 12 && ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') return 'image/webp';
	return null;
}

/** Recognisable image formats we refuse (GIF, BMP, TIFF, HEIC/AVIF, JPEG XL). */
function isOtherImage(b: Uint8Array): boolean {
	const head = ascii(b, 0, 12);
	return (
		/^GIF8[79]a/.test(head) ||
		head.startsWith('BM') ||
		head.startsWith('II*\0') ||
		head.startsWith('MM\0*') ||
		/^....ftyp(hei[cx]|hevc|mif1|msf1|avi[fs])/s.test(head) ||
		head.startsWith('\xff\x0a') ||
		head === '\0\0\0\x0cJXL \r\n\x87\n'
	);
}

const SHARP_FORMAT = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const;

type Prepared =
	{ code: PhotoError } | { code: null; full: Buffer; width: number; height: number; exif: Uint8Array | undefined };

/** Full validation + re-encode. Sharp decodes every pixel, so truncated/corrupt data is caught. */
async function prepare(bytes: Uint8Array): Promise<Prepared> {
	if (bytes.length > MAX_PHOTO_BYTES) return { code: 'too_large' };
	const type = sniffImageType(bytes);
	if (!type) return { code: bytes.length > 0 && isOtherImage(bytes) ? 'unsupported_type' : 'not_image' };
	const opts = { failOn: 'truncated', limitInputPixels: MAX_INPUT_PIXELS } as const;
	try {
		const meta = await sharp(bytes, opts).metadata();
		if (meta.format !== SHARP_FORMAT[type]) return { code: 'not_image' };
		const { data, info } = await sharp(bytes, opts)
			.rotate() // honour EXIF Orientation before it is dropped
			.flatten({ background: '#ffffff' }) // PNG/WebP alpha -> white, not black
			.resize({ width: MAX_LONG_SIDE, height: MAX_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
			.jpeg({ quality: 82 }) // sharp writes no metadata unless asked (no keepExif/withMetadata)
			.toBuffer({ resolveWithObject: true });
		return { code: null, full: data, width: info.width, height: info.height, exif: meta.exif };
	} catch (err) {
		return { code: /pixel limit/i.test(String(err)) ? 'too_large' : 'not_image' };
	}
}

/**
 * Validation decodes and re-encodes the whole image, and storing needs exactly that result: it is
 * kept per input buffer, so a photo checked before a transaction is not decoded a second time when
 * it is stored (inputs are never mutated after they are read).
 */
const prepared = new WeakMap<Uint8Array, Promise<Prepared>>();
function prepareOnce(bytes: Uint8Array): Promise<Prepared> {
	let p = prepared.get(bytes);
	if (!p) prepared.set(bytes, (p = prepare(bytes)));
	return p;
}

const thumbnails = new WeakMap<Buffer, Promise<Buffer>>();
function thumbnailOnce(full: Buffer): Promise<Buffer> {
	let t = thumbnails.get(full);
	if (!t)
		thumbnails.set(
			full,
			(t = sharp(full).resize({ width: THUMB_WIDTH, withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer())
		);
	return t;
}

export async function validatePhoto(input: PhotoInput): Promise<PhotoError | null> {
	return (await prepareOnce(input.bytes)).code;
}

/** Browsers submit one nameless, empty File when no file was chosen. */
const isPlaceholder = (f: { name: string; size: number }) => f.size === 0 && f.name === '';

/** Keep only real uploads from `formData.getAll(...)`: drops strings and the empty placeholder. */
export function realFiles(list: readonly (File | string)[]): File[] {
	return list.filter((f): f is File => typeof f !== 'string' && !isPlaceholder(f));
}

export async function fileToPhotoInput(file: File): Promise<PhotoInput> {
	return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * Validates count and every file; returns the first problem or null.
 * Placeholder entries (size 0, empty name) are ignored here too, but callers should still pass
 * `realFiles(...)` output so that what they later store matches what was validated.
 * List-level errors ('empty', 'too_many') use index -1; file errors use the index in `files`.
 */
export async function validatePhotos(
	files: PhotoInput[],
	opts: { required: boolean }
): Promise<{ index: number; code: PhotoError } | null> {
	const real = files
		.map((f, index) => ({ f, index }))
		.filter(({ f }) => !isPlaceholder({ name: f.name, size: f.bytes.length }));
	if (real.length === 0) return opts.required ? { index: -1, code: 'empty' } : null;
	if (real.length > MAX_PHOTOS_PER_EVENT) return { index: -1, code: 'too_many' };
	for (const { f, index } of real) {
		const code = await validatePhoto(f);
		if (code) return { index, code };
	}
	return null;
}

/** Join `relPath` under `rootDir`, refusing absolute paths, NUL bytes and '..' escapes. */
export function resolvePhotoPath(rootDir: string, relPath: string): string {
	if (!relPath || relPath.includes('\0') || path.isAbsolute(relPath)) {
		throw new Error(`invalid photo path: ${JSON.stringify(relPath)}`);
	}
	const root = path.resolve(rootDir);
	const full = path.resolve(root, relPath);
	const rel = path.relative(root, full);
	if (!rel || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
		throw new Error(`photo path escapes root: ${JSON.stringify(relPath)}`);
	}
	return full;
}

function cleanName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	return [...base]
		.filter((c) => c >= ' ' && c !== '\x7f')
		.join('')
		.trim()
		.slice(0, 200);
}

export async function storePhoto(rootDir: string, input: PhotoInput, now: number): Promise<StoredPhoto> {
	if (!Number.isFinite(now)) throw new TypeError('storePhoto: `now` must be a finite timestamp');
	const ready = await prepareOnce(input.bytes);
	if (ready.code !== null) throw new PhotoValidationError(ready.code);
	const { full, width, height } = ready;
	const facts = await readExifFacts(ready.exif); // read from the ORIGINAL, before stripping
	const thumb = await thumbnailOnce(full);

	const local = new Date(now + SHANGHAI_OFFSET_MS); // read with getUTC* => Asia/Shanghai wall clock
	const dir = `${local.getUTCFullYear()}/${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
	const id = randomUUID().replaceAll('-', '');
	const rel = { path: `${dir}/${id}.jpg`, thumbPath: `${dir}/${id}_t.jpg` };
	// The folder, or the object store all servers share (storage/storage.ts).
	const store = storageAt(rootDir);
	await store.put(rel.path, full);
	try {
		await store.put(rel.thumbPath, thumb);
	} catch (err) {
		await store.delete(rel.path).catch(() => {});
		throw err;
	}
	return {
		id,
		mime: 'image/jpeg',
		width,
		height,
		bytes: full.length,
		sha256: createHash('sha256').update(full).digest('hex'),
		originalName: cleanName(input.name),
		capturedAt: facts.capturedAt ?? input.recorded?.at ?? null,
		lng: facts.lng ?? input.recorded?.lng ?? null,
		lat: facts.lat ?? input.recorded?.lat ?? null,
		...rel
	};
}
