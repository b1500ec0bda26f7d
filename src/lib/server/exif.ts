// Server-only EXIF helpers for photo uploads. No SvelteKit imports, no clock.
import exifr from 'exifr';

export interface ExifFacts {
	/** DateTimeOriginal as ms since epoch (UTC), or null. */
	capturedAt: number | null;
	/** WGS-84 longitude / latitude from the GPS IFD, or null. */
	lng: number | null;
	lat: number | null;
}

const NONE: ExifFacts = { capturedAt: null, lng: null, lat: null };

/** Offset applied when the photo carries no OffsetTimeOriginal tag: Asia/Shanghai, +08:00. */
export const DEFAULT_EXIF_OFFSET_MINUTES = 8 * 60;

/**
 * Parse an EXIF wall-clock string "YYYY:MM:DD HH:MM:SS" into ms UTC.
 * `offset` is an EXIF OffsetTime string ("+08:00", "-05:30"); when absent or malformed the
 * wall-clock time is interpreted as Asia/Shanghai (+08:00). Independent of process TZ.
 */
export function parseExifDateTime(value: unknown, offset?: unknown): number | null {
	if (typeof value !== 'string') return null;
	const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
	if (y < 1900 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
	const wall = Date.UTC(y, mo - 1, d, h, mi, s);
	if (new Date(wall).getUTCDate() !== d) return null; // e.g. 2024:02:31
	let offsetMin = DEFAULT_EXIF_OFFSET_MINUTES;
	const o = typeof offset === 'string' ? /^([+-])(\d{2}):(\d{2})$/.exec(offset.trim()) : null;
	if (o && Number(o[2]) <= 14 && Number(o[3]) < 60) {
		offsetMin = (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3]));
	}
	return wall - offsetMin * 60_000;
}

function coord(value: unknown, limit: number): number | null {
	return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
}

/**
 * Read DateTimeOriginal and GPS from a raw EXIF block as returned by
 * `sharp(...).metadata().exif` (a TIFF structure, optionally prefixed with "Exif\0\0").
 * Going through sharp's extraction makes JPEG, PNG (eXIf) and WebP (EXIF chunk) behave alike.
 * Never throws: unreadable or missing EXIF yields all-null facts.
 */
export async function readExifFacts(exif: Uint8Array | undefined): Promise<ExifFacts> {
	if (!exif || exif.length < 8) return NONE;
	const header = String.fromCharCode(...exif.subarray(0, 6));
	const tiff = header === 'Exif\0\0' ? exif.subarray(6) : exif;
	let tags: Record<string, unknown> | undefined;
	try {
		tags = await exifr.parse(tiff, {
			exif: { pick: ['DateTimeOriginal', 'OffsetTimeOriginal'] },
			gps: true,
			ifd1: false,
			interop: false,
			makerNote: false,
			userComment: false,
			reviveValues: false,
			translateValues: false,
			mergeOutput: true
		});
	} catch {
		return NONE;
	}
	if (!tags) return NONE;
	let lat = coord(tags.latitude, 90);
	let lng = coord(tags.longitude, 180);
	if (lat === null || lng === null) lat = lng = null;
	return { capturedAt: parseExifDateTime(tags.DateTimeOriginal, tags.OffsetTimeOriginal), lng, lat };
}
