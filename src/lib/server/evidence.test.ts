import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from './test-db';
import {
	EvidenceValidationError,
	MAX_EVIDENCE_BYTES,
	discardEvidence,
	storeEvidence,
	storeEvidenceAll,
	validateEvidence,
	verifyEvidence
} from './evidence';

let root: string;
beforeAll(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-evidence-'));
});
afterAll(() => {
	fs.rmSync(root, { recursive: true, force: true });
});

const NOW = Date.UTC(2026, 10, 30, 16, 30); // 2026-12-01 00:30 in Shanghai
const canvas = (width = 800, height = 600) => sharp({ create: { width, height, channels: 3, background: '#88aaff' } });
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const input = (bytes: Uint8Array, name = 'frame.jpg') => ({ name, bytes });

describe('storeEvidence', () => {
	it('keeps a JPEG byte for byte (EXIF included): the recorded hash is the hash of what was sent', async () => {
		const original = new Uint8Array(
			await canvas()
				.jpeg({ quality: 90 })
				.withExif({ IFD0: { Make: 'PlatformCam' } })
				.toBuffer()
		);
		const s = await storeEvidence(root, input(original), NOW);
		expect(s).toMatchObject({
			mime: 'image/jpeg',
			width: 800,
			height: 600,
			bytes: original.length,
			sha256: sha(original)
		});
		expect(s.path).toMatch(/^2026\/12\/[0-9a-f-]{36}\.jpg$/);
		expect(s.thumbPath).toMatch(/^2026\/12\/[0-9a-f-]{36}_t\.jpg$/);
		const onDisk = fs.readFileSync(path.join(root, s.path));
		expect(Buffer.compare(onDisk, Buffer.from(original))).toBe(0);
		const thumb = await sharp(fs.readFileSync(path.join(root, s.thumbPath))).metadata();
		expect(thumb).toMatchObject({ format: 'jpeg', width: 320 });
	});

	it.each([
		['png', 'image/png', 'png'],
		['webp', 'image/webp', 'webp']
	] as const)('keeps a %s as it is, with a JPEG thumbnail', async (format, mime, ext) => {
		const original = new Uint8Array(await canvas(200, 100).toFormat(format).toBuffer());
		const s = await storeEvidence(root, input(original, `f.${ext}`), NOW);
		expect(s).toMatchObject({ mime, width: 200, height: 100, sha256: sha(original) });
		expect(s.path.endsWith(`.${ext}`)).toBe(true);
		expect(fs.readFileSync(path.join(root, s.path)).equals(Buffer.from(original))).toBe(true);
		expect((await sharp(fs.readFileSync(path.join(root, s.thumbPath))).metadata()).format).toBe('jpeg');
	});

	it.each([
		['empty', new Uint8Array(0), 'empty'],
		['text', new TextEncoder().encode('hello, not an image'), 'not_image'],
		['a GIF', new TextEncoder().encode('GIF89a\x01\x00\x01\x00'), 'unsupported_type'],
		['a JPEG header on garbage', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6]), 'not_image']
	] as const)('refuses %s with a typed error and writes nothing', async (_label, bytes, code) => {
		const before = listFiles(root);
		expect(await validateEvidence(input(bytes))).toBe(code);
		const err = await storeEvidence(root, input(bytes), NOW).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(EvidenceValidationError);
		expect((err as EvidenceValidationError).code).toBe(code);
		expect(listFiles(root)).toEqual(before);
	});

	it('refuses a truncated JPEG', async () => {
		const full = await canvas().jpeg().toBuffer();
		expect(await validateEvidence(input(new Uint8Array(full.subarray(0, full.length / 2))))).toBe('not_image');
	});

	it('refuses more than 10 MB', async () => {
		const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
		big.set([0xff, 0xd8, 0xff]);
		expect(await validateEvidence(input(big))).toBe('too_large');
	});
});

describe('verifyEvidence and discardEvidence', () => {
	it('ok for an untouched file, mismatch after a change, missing after removal', async () => {
		const original = new Uint8Array(await canvas(64, 48).jpeg().toBuffer());
		const s = await storeEvidence(root, input(original), NOW);
		expect(await verifyEvidence(root, s)).toBe('ok');
		expect(await verifyEvidence(root, { path: s.path, sha256: s.sha256.toUpperCase() })).toBe('ok');
		const file = path.join(root, s.path);
		const changed = Buffer.from(original);
		changed[changed.length - 3] ^= 0xff;
		fs.writeFileSync(file, changed);
		expect(await verifyEvidence(root, s)).toBe('mismatch');
		await discardEvidence(root, [s]);
		expect(fs.existsSync(file)).toBe(false);
		expect(fs.existsSync(path.join(root, s.thumbPath))).toBe(false);
		expect(await verifyEvidence(root, s)).toBe('missing');
	});

	it('refuses a path that escapes the root', async () => {
		await expect(verifyEvidence(root, { path: '../etc/passwd', sha256: 'x' })).rejects.toThrow(/escapes root/);
	});

	it('storeEvidenceAll is all or nothing', async () => {
		const good = new Uint8Array(await canvas(64, 48).jpeg().toBuffer());
		const before = listFiles(root);
		await expect(
			storeEvidenceAll(root, [input(good), input(good), input(new Uint8Array([1, 2, 3]))], NOW)
		).rejects.toBeInstanceOf(EvidenceValidationError);
		expect(listFiles(root)).toEqual(before);
		const stored = await storeEvidenceAll(root, [input(good), input(good)], NOW);
		expect(stored).toHaveLength(2);
		expect(stored[0].id).not.toBe(stored[1].id);
		expect(stored[0].sha256).toBe(stored[1].sha256);
	});
});
