import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { storePhoto } from '../photos';
import { folderStorage } from './folder';
import { s3Storage } from './s3';
import { sha256Hex } from './sigv4';
import { storageAt, type Storage } from './storage';

// A stand-in S3 for the adapter: path-style /bucket/key, objects in memory. It refuses a request
// whose SigV4 headers are missing or malformed, or whose body does not match its signed hash.
const objects = new Map<string, Buffer>();
const seen: { method: string; path: string; auth: string }[] = [];
const AUTH =
	/^AWS4-HMAC-SHA256 Credential=test-key\/\d{8}\/cn-north-1\/s3\/aws4_request,SignedHeaders=([a-z0-9-;]+),Signature=[0-9a-f]{64}$/;

async function body(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
}

let server: Server;
let endpoint: string;
beforeAll(async () => {
	server = createServer(async (req, res) => {
		const data = await body(req);
		const auth = req.headers.authorization ?? '';
		const signed = AUTH.exec(auth)?.[1].split(';') ?? [];
		const wellSigned =
			['host', 'x-amz-content-sha256', 'x-amz-date'].every((h) => signed.includes(h)) &&
			/^\d{8}T\d{6}Z$/.test(String(req.headers['x-amz-date'])) &&
			req.headers['x-amz-content-sha256'] === sha256Hex(data);
		seen.push({ method: req.method!, path: req.url!, auth });
		if (!wellSigned) return res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
		const key = decodeURIComponent(req.url!);
		if (!key.startsWith('/bucket-1/')) return res.writeHead(404).end('<Error><Code>NoSuchBucket</Code></Error>');
		if (req.method === 'PUT') objects.set(key, data);
		if (req.method === 'DELETE') objects.delete(key);
		if (req.method === 'PUT' || req.method === 'DELETE') return res.writeHead(req.method === 'PUT' ? 200 : 204).end();
		const found = objects.get(key);
		if (!found)
			return res.writeHead(404).end(req.method === 'HEAD' ? undefined : '<Error><Code>NoSuchKey</Code></Error>');
		res.writeHead(200, { 'content-length': found.length });
		res.end(req.method === 'HEAD' ? undefined : found);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const settings = () => ({
	endpoint,
	bucket: 'bucket-1',
	accessKey: 'test-key',
	secretKey: 'test-secret',
	region: 'cn-north-1'
});

/** What both adapters must do alike. */
async function behaves(store: Storage) {
	const bytes = Buffer.from([0xff, 0xd8, 0xff, 0, 1, 2, 3]);
	expect(await store.exists('2026/12/a b.jpg')).toBe(false);
	expect(await store.get('2026/12/a b.jpg')).toBeNull();
	await store.put('2026/12/a b.jpg', bytes);
	expect(await store.exists('2026/12/a b.jpg')).toBe(true);
	expect(await store.get('2026/12/a b.jpg')).toEqual(bytes);
	await store.put('2026/12/a b.jpg', Buffer.from('again'));
	expect((await store.get('2026/12/a b.jpg'))?.toString()).toBe('again');
	await store.delete('2026/12/a b.jpg');
	await store.delete('2026/12/a b.jpg'); // gone already: no error
	expect(await store.exists('2026/12/a b.jpg')).toBe(false);
	for (const bad of ['../escape.jpg', '/etc/passwd', 'a/../../b', '', 'nul\0.jpg'])
		await expect(store.put(bad, bytes), bad).rejects.toThrow(/photo path/);
}

describe('storage: one interface, a folder or an S3-compatible store', () => {
	it('the S3 adapter puts, gets, checks and deletes objects, path-style, every request signed', async () => {
		await behaves(s3Storage(settings(), 'photos/'));
		expect(seen.every((r) => AUTH.test(r.auth))).toBe(true);
		expect(seen.map((r) => `${r.method} ${r.path}`)).toContain('PUT /bucket-1/photos/2026/12/a%20b.jpg');
	});

	it('the folder adapter does the same in a folder', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'gridcase-storage-'));
		try {
			await behaves(folderStorage(dir));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('a refused request is an error naming the object and the answer, not the secret', async () => {
		const wrong = s3Storage({ ...settings(), bucket: 'no-such-bucket' }, 'evidence/');
		const err = await wrong.put('x.jpg', Buffer.from('x')).catch((e: Error) => e);
		expect(String(err)).toMatch(/PUT evidence\/x\.jpg answered 404 .*NoSuchBucket/);
		expect(String(err)).not.toContain('test-secret');
	});

	it('STORAGE_S3_BUCKET picks the object store, the root folder name its prefix; unset, the folder', async () => {
		const saved = { ...process.env };
		try {
			Object.assign(process.env, {
				STORAGE_S3_BUCKET: 'bucket-1',
				STORAGE_S3_ENDPOINT: endpoint,
				STORAGE_S3_ACCESS_KEY: 'test-key',
				STORAGE_S3_SECRET_KEY: 'test-secret',
				STORAGE_S3_REGION: 'cn-north-1'
			});
			const store = storageAt('/srv/gridcase/evidence');
			expect(store.label).toBe('s3://bucket-1/evidence/');
			await store.put('k.jpg', Buffer.from('e'));
			expect(objects.get('/bucket-1/evidence/k.jpg')?.toString()).toBe('e');
			// A photo as the app stores it: the re-encoded image and its thumbnail, both objects in the store.
			const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } })
				.jpeg()
				.toBuffer();
			const photo = await storePhoto('/srv/gridcase/photos', { name: 'p.jpg', bytes: new Uint8Array(jpeg) }, 0);
			for (const key of [photo.path, photo.thumbPath])
				expect(objects.get(`/bucket-1/photos/${key}`)?.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
			expect(await storageAt('/srv/gridcase/photos').get(photo.path)).toHaveLength(photo.bytes);
			delete process.env.STORAGE_S3_SECRET_KEY;
			expect(() => storageAt('/srv/gridcase/evidence')).toThrow(/STORAGE_S3_SECRET_KEY must be set/);
			delete process.env.STORAGE_S3_BUCKET;
			expect(storageAt('/srv/gridcase/evidence').label).toBe('/srv/gridcase/evidence');
		} finally {
			for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
			Object.assign(process.env, saved);
		}
	});
});
