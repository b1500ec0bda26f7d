// AWS Signature Version 4 for S3 requests (header-based), with node:crypto only: the canonical
// request, the string to sign and the derived signing key as AWS documents them. S3's flavour:
// the path is encoded once (not twice as for other services), and the payload's SHA-256 is sent in
// x-amz-content-sha256 and signed.
import { createHash, createHmac } from 'node:crypto';

export interface Credentials {
	accessKey: string;
	secretKey: string;
	region: string;
	service?: string;
}

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX in upper case. */
export const uriEncode = (s: string) =>
	encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** 20130524T000000Z */
export const amzDate = (at: Date) =>
	at
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');

/**
 * The headers that sign `method url` with `headers` (host, x-amz-date and x-amz-content-sha256 are
 * added): every header given is signed. `payloadHash` is the hex SHA-256 of the body.
 */
export function signRequest(
	req: { method: string; url: string; headers?: Record<string, string>; payloadHash: string; at: Date },
	creds: Credentials
): Record<string, string> {
	const url = new URL(req.url);
	const date = amzDate(req.at);
	const day = date.slice(0, 8);
	const service = creds.service ?? 's3';
	const headers: Record<string, string> = {
		...Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
		host: url.host,
		'x-amz-date': date,
		'x-amz-content-sha256': req.payloadHash
	};
	const names = Object.keys(headers).sort();
	const canonicalHeaders = names.map((n) => `${n}:${headers[n].trim().replace(/\s+/g, ' ')}\n`).join('');
	const signedHeaders = names.join(';');
	const path =
		url.pathname
			.split('/')
			.map((seg) => uriEncode(decodeURIComponent(seg)))
			.join('/') || '/';
	const query = [...url.searchParams]
		.map(([k, v]) => [uriEncode(k), uriEncode(v)])
		.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
	const canonicalRequest = [req.method, path, query, canonicalHeaders, signedHeaders, req.payloadHash].join('\n');
	const scope = `${day}/${creds.region}/${service}/aws4_request`;
	const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(canonicalRequest)].join('\n');
	const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretKey}`, day), creds.region), service), 'aws4_request');
	const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
	const { host: _host, ...sent } = headers; // fetch sets Host itself
	void _host;
	return {
		...sent,
		authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKey}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`
	};
}
