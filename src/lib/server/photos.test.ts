import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExifDateTime } from './exif';
import {
	MAX_PHOTO_BYTES,
	MAX_PHOTOS_PER_EVENT,
	PhotoValidationError,
	realFiles,
	resolvePhotoPath,
	sniffImageType,
	storePhoto,
	validatePhoto,
	validatePhotos
} from './photos';

let root: string;
beforeAll(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-photos-'));
});
afterAll(() => {
	fs.rmSync(root, { recursive: true, force: true });
});

const canvas = (width = 800, height = 600, channels: 3 | 4 = 3) =>
	sharp({
		create: { width, height, channels, background: channels === 4 ? { r: 0, g: 0, b: 0, alpha: 0 } : '#88aaff' }
	});

/** Beijing, Tiananmen-ish: 39°54'30" N, 116°23'29.4" E. */
const FULL_EXIF = {
	IFD0: { Make: 'TestCam', Model: 'SecretModel' },
	IFD2: { DateTimeOriginal: '2024:05:06 07:08:09' },
	IFD3: {
		GPSLatitudeRef: 'N',
		GPSLatitude: '39/1 54/1 3000/100',
		GPSLongitudeRef: 'E',
		GPSLongitude: '116/1 23/1 2940/100'
	}
};
// 2024-05-06 07:08:09 at +08:00
const CAPTURED = Date.UTC(2024, 4, 5, 23, 8, 9);
const LAT = 39 + 54 / 60 + 30 / 3600;
const LNG = 116 + 23 / 60 + 29.4 / 3600;

const jpegWithExif = () => canvas().jpeg().withExif(FULL_EXIF).toBuffer();
const input = (bytes: Uint8Array, name = 'photo.jpg') => ({ name, bytes });
const NOW = Date.UTC(2024, 0, 31, 16, 30); // 2024-02-01 00:30 in Shanghai

async function assertClean(file: string) {
	const buf = fs.readFileSync(file);
	const meta = await sharp(buf).metadata();
	expect(meta.format).toBe('jpeg');
	expect(meta.exif).toBeUndefined();
	expect(meta.xmp).toBeUndefined();
	expect(meta.iptc).toBeUndefined();
	const latin = buf.toString('latin1');
	for (const needle of ['Exif\0\0', 'TestCam', 'SecretModel', 'GPS']) expect(latin).not.toContain(needle);
	return meta;
}

describe('test fixtures', () => {
	it('sharp can write DateTimeOriginal and GPS into the source JPEG', async () => {
		const meta = await sharp(await jpegWithExif()).metadata();
		const raw = meta.exif!.toString('latin1');
		expect(raw).toContain('TestCam');
		expect(raw).toContain('2024:05:06 07:08:09');
	});
});

describe('sniffImageType', () => {
	it('recognises JPEG, PNG and WebP by magic bytes only', async () => {
		expect(sniffImageType(await canvas().jpeg().toBuffer())).toBe('image/jpeg');
		expect(sniffImageType(await canvas().png().toBuffer())).toBe('image/png');
		expect(sniffImageType(await canvas().webp().toBuffer())).toBe('image/webp');
		expect(sniffImageType(await canvas().gif().toBuffer())).toBeNull();
		expect(sniffImageType(new TextEncoder().encode('hello, world'))).toBeNull();
		expect(sniffImageType(new Uint8Array())).toBeNull();
	});
});

describe('validatePhoto', () => {
	it('accepts real JPEG, PNG and WebP', async () => {
		expect(await validatePhoto(input(await jpegWithExif()))).toBeNull();
		expect(await validatePhoto(input(await canvas().png().toBuffer(), 'a.png'))).toBeNull();
		expect(await validatePhoto(input(await canvas().webp().toBuffer(), 'a.webp'))).toBeNull();
	});

	it('rejects a text file renamed .jpg as not_image', async () => {
		const text = new TextEncoder().encode('this is not a picture\n'.repeat(50));
		expect(await validatePhoto(input(text, 'evil.jpg'))).toBe('not_image');
		expect(await validatePhoto(input(new Uint8Array(), 'zero.jpg'))).toBe('not_image');
	});

	it('rejects a GIF as unsupported_type', async () => {
		expect(await validatePhoto(input(await canvas().gif().toBuffer(), 'a.gif'))).toBe('unsupported_type');
	});

	it('rejects truncated or corrupt JPEG as not_image', async () => {
		const jpeg = await canvas().jpeg().toBuffer();
		expect(await validatePhoto(input(jpeg.subarray(0, Math.floor(jpeg.length / 2))))).toBe('not_image');
		const junk = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 0x41)]);
		expect(await validatePhoto(input(junk))).toBe('not_image');
	});

	it('rejects > 10 MB as too_large before decoding', async () => {
		const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
		big.set([0xff, 0xd8, 0xff, 0xe0]);
		expect(await validatePhoto(input(big))).toBe('too_large');
	});
});

describe('validatePhotos / realFiles', () => {
	it('checks count with required/optional', async () => {
		expect(await validatePhotos([], { required: true })).toEqual({ index: -1, code: 'empty' });
		expect(await validatePhotos([], { required: false })).toBeNull();
		const ok = input(await canvas(64, 48).jpeg().toBuffer());
		const many = Array.from({ length: MAX_PHOTOS_PER_EVENT + 1 }, () => ok);
		expect(await validatePhotos(many, { required: false })).toEqual({ index: -1, code: 'too_many' });
		expect(await validatePhotos(many.slice(1), { required: true })).toBeNull();
	});

	it('reports the index of the first bad file and ignores browser placeholders', async () => {
		const ok = input(await canvas(64, 48).jpeg().toBuffer());
		const placeholder = { name: '', bytes: new Uint8Array() };
		expect(await validatePhotos([placeholder], { required: true })).toEqual({ index: -1, code: 'empty' });
		const gif = input(await canvas(64, 48).gif().toBuffer(), 'x.gif');
		expect(await validatePhotos([ok, placeholder, gif], { required: true })).toEqual({
			index: 2,
			code: 'unsupported_type'
		});
	});

	it('realFiles drops strings and nameless empty files', () => {
		const real = new File([new Uint8Array([1, 2, 3])], 'a.jpg');
		const emptyNamed = new File([], 'zero.jpg');
		const placeholder = new File([], '');
		expect(realFiles([placeholder, 'text', real, emptyNamed])).toEqual([real, emptyNamed]);
	});
});

describe('storePhoto', () => {
	it('re-encodes JPEG to a metadata-free JPEG + thumbnail and extracts EXIF first', async () => {
		const original = await jpegWithExif();
		const p = await storePhoto(root, input(original, 'C:\\fakepath\\IMG_0001.JPG'), NOW);
		expect(p.id).toMatch(/^[0-9a-f]{32}$/);
		expect(p.mime).toBe('image/jpeg');
		expect(p.originalName).toBe('IMG_0001.JPG');
		expect(p.path).toBe(`2024/02/${p.id}.jpg`);
		expect(p.thumbPath).toBe(`2024/02/${p.id}_t.jpg`);
		expect(p.capturedAt).toBe(CAPTURED);
		expect(p.lat).toBeCloseTo(LAT, 6);
		expect(p.lng).toBeCloseTo(LNG, 6);

		const file = resolvePhotoPath(root, p.path);
		const stored = fs.readFileSync(file);
		expect(p.bytes).toBe(stored.length);
		expect(p.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
		const meta = await assertClean(file);
		expect([meta.width, meta.height]).toEqual([p.width, p.height]);
		expect([p.width, p.height]).toEqual([800, 600]);

		const thumb = await assertClean(resolvePhotoPath(root, p.thumbPath));
		expect(thumb.width).toBeLessThanOrEqual(320);
		expect(thumb.width).toBe(320);
		expect(thumb.height).toBe(240);

		expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
	});

	it('accepts PNG (with alpha) and WebP, stores JPEG, and reads their EXIF too', async () => {
		for (const [fmt, name] of [
			['png', 'a.png'],
			['webp', 'a.webp']
		] as const) {
			const src = await canvas(640, 480, 4)[fmt]().withExif(FULL_EXIF).toBuffer();
			const p = await storePhoto(root, input(src, name), NOW);
			expect(p.mime).toBe('image/jpeg');
			expect(p.capturedAt).toBe(CAPTURED);
			expect(p.lat).toBeCloseTo(LAT, 6);
			const meta = await assertClean(resolvePhotoPath(root, p.path));
			expect(meta.channels).toBe(3);
			await assertClean(resolvePhotoPath(root, p.thumbPath));
			// transparent pixels are flattened onto white
			const { data } = await sharp(resolvePhotoPath(root, p.path)).raw().toBuffer({ resolveWithObject: true });
			expect(data[0]).toBeGreaterThan(240);
		}
	});

	it('uses OffsetTimeOriginal when the camera recorded one', async () => {
		const src = await canvas(64, 48)
			.jpeg()
			.withExif({ IFD2: { DateTimeOriginal: '2024:05:06 07:08:09', OffsetTimeOriginal: '-05:00' } })
			.toBuffer();
		const p = await storePhoto(root, input(src), NOW);
		expect(p).toMatchObject({ capturedAt: Date.UTC(2024, 4, 6, 12, 8, 9), lat: null, lng: null });
	});

	it('returns nulls when the original has no EXIF', async () => {
		const p = await storePhoto(root, input(await canvas().jpeg().toBuffer()), NOW);
		expect(p).toMatchObject({ capturedAt: null, lat: null, lng: null });
	});

	it('honours orientation and caps the long side at 2048', async () => {
		const rotated = await canvas(800, 600).jpeg().withMetadata({ orientation: 6 }).toBuffer();
		const p1 = await storePhoto(root, input(rotated), NOW);
		expect([p1.width, p1.height]).toEqual([600, 800]);
		const wide = await canvas(3000, 1000).jpeg().toBuffer();
		const p2 = await storePhoto(root, input(wide), NOW);
		expect([p2.width, p2.height]).toEqual([2048, 683]);
		const t = await sharp(resolvePhotoPath(root, p2.thumbPath)).metadata();
		expect(t.width).toBe(320);
	});

	it('files by Asia/Shanghai year/month of `now`, whatever the process TZ', async () => {
		const jpeg = await canvas(64, 48).jpeg().toBuffer();
		const a = await storePhoto(root, input(jpeg), Date.UTC(2023, 11, 31, 15, 59, 59)); // 23:59:59 +08
		expect(a.path.startsWith('2023/12/')).toBe(true);
		const b = await storePhoto(root, input(jpeg), Date.UTC(2023, 11, 31, 16, 0, 0)); // 00:00 +08
		expect(b.path.startsWith('2024/01/')).toBe(true);
		expect(a.id).not.toBe(b.id);
	});

	it('throws PhotoValidationError with a code and writes nothing', async () => {
		const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-photos-bad-'));
		try {
			const text = new TextEncoder().encode('not an image');
			await expect(storePhoto(fresh, input(text), NOW)).rejects.toMatchObject({ code: 'not_image' });
			const gif = await canvas(64, 48).gif().toBuffer();
			const err = await storePhoto(fresh, input(gif, 'a.gif'), NOW).catch((e: unknown) => e);
			expect(err).toBeInstanceOf(PhotoValidationError);
			expect((err as PhotoValidationError).code).toBe('unsupported_type');
			expect(fs.readdirSync(fresh)).toEqual([]);
		} finally {
			fs.rmSync(fresh, { recursive: true, force: true });
		}
	});
});

describe('resolvePhotoPath', () => {
	it('joins relative paths under the root', () => {
		expect(resolvePhotoPath('/data/photos', '2024/05/abc.jpg')).toBe(path.resolve('/data/photos/2024/05/abc.jpg'));
	});

	it('refuses escapes, absolute paths and empty paths', () => {
		for (const bad of ['../etc/passwd', '2024/../../etc/passwd', '..', '/etc/passwd', '', '.', 'a\0b']) {
			expect(() => resolvePhotoPath('/data/photos', bad), JSON.stringify(bad)).toThrow();
		}
	});
});

describe('parseExifDateTime', () => {
	it('interprets zone-less EXIF time as +08:00 and honours OffsetTimeOriginal', () => {
		expect(parseExifDateTime('2024:05:06 07:08:09')).toBe(CAPTURED);
		expect(parseExifDateTime('2024:05:06 07:08:09', '-05:00')).toBe(Date.UTC(2024, 4, 6, 12, 8, 9));
		expect(parseExifDateTime('0000:00:00 00:00:00')).toBeNull();
		expect(parseExifDateTime('    :  :     :  :  ')).toBeNull();
		expect(parseExifDateTime('2024:02:31 10:00:00')).toBeNull();
		expect(parseExifDateTime(undefined)).toBeNull();
	});
});
