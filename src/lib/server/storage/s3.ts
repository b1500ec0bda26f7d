// The S3-compatible adapter (AWS S3, MinIO, Ceph RGW, the cloud vendors' object stores): PUT, GET,
// DELETE and HEAD of one object, path-style (endpoint/bucket/key), signed with SigV4 (sigv4.ts) and
// sent with fetch. No SDK: four calls do not need one.
import { resolvePhotoPath } from '../photos';
import { sha256Hex, signRequest, uriEncode } from './sigv4';
import type { Storage } from './storage';

export interface S3Settings {
	endpoint: string;
	bucket: string;
	accessKey: string;
	secretKey: string;
	region: string;
}

/** A request the store refused or failed: its status and the start of its answer, never the credentials. */
export class ObjectStoreError extends Error {
	override name = 'ObjectStoreError';
}

/** Checks the key as a folder path would be checked, so both adapters refuse the same keys. */
function checkedKey(prefix: string, key: string): string {
	resolvePhotoPath('/objects', key); // not '/': there '..' would stop at the root instead of failing
	return (prefix + key).split('/').map(uriEncode).join('/');
}

export function s3Storage(s: S3Settings, prefix: string): Storage {
	const base = s.endpoint.replace(/\/+$/, '');
	const creds = { accessKey: s.accessKey, secretKey: s.secretKey, region: s.region };
	const send = async (method: string, key: string, body?: Uint8Array) => {
		const url = `${base}/${uriEncode(s.bucket)}/${checkedKey(prefix, key)}`;
		const headers = signRequest(
			{
				method,
				url,
				payloadHash: sha256Hex(body ?? ''),
				at: new Date(),
				headers: body ? { 'content-type': 'application/octet-stream' } : {}
			},
			creds
		);
		return fetch(url, { method, headers, body: body ? Buffer.from(body) : undefined });
	};
	const fail = async (what: string, key: string, res: Response) =>
		new ObjectStoreError(
			`object store: ${what} ${prefix}${key} answered ${res.status} ${(await res.text().catch(() => '')).slice(0, 200)}`
		);
	return {
		label: `s3://${s.bucket}/${prefix}`,
		async put(key, body) {
			const res = await send('PUT', key, body);
			if (!res.ok) throw await fail('PUT', key, res);
			await res.arrayBuffer();
		},
		async get(key) {
			const res = await send('GET', key);
			if (res.status === 404) return (await res.arrayBuffer(), null);
			if (!res.ok) throw await fail('GET', key, res);
			return Buffer.from(await res.arrayBuffer());
		},
		async delete(key) {
			const res = await send('DELETE', key);
			if (!res.ok && res.status !== 404) throw await fail('DELETE', key, res);
			await res.arrayBuffer();
		},
		async exists(key) {
			const res = await send('HEAD', key);
			await res.arrayBuffer();
			if (res.status === 404) return false;
			if (!res.ok) throw await fail('HEAD', key, res);
			return true;
		}
	};
}
