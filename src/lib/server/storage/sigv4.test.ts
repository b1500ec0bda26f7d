import { describe, expect, it } from 'vitest';
import { amzDate, sha256Hex, signRequest, uriEncode } from './sigv4';

describe('SigV4 signing', () => {
	it("gives the signature of AWS's own S3 example (GET /test.txt, bytes 0-9, 2013-05-24)", () => {
		const headers = signRequest(
			{
				method: 'GET',
				url: 'https://examplebucket.s3.amazonaws.com/test.txt',
				headers: { Range: 'bytes=0-9' },
				payloadHash: sha256Hex(''),
				at: new Date('2013-05-24T00:00:00Z')
			},
			{ accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' }
		);
		expect(headers.authorization).toBe(
			'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
				'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
				'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41'
		);
		expect(headers['x-amz-date']).toBe('20130524T000000Z');
		expect(headers['x-amz-content-sha256']).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
	});

	it('encodes as RFC 3986 asks, and writes the date as AWS does', () => {
		expect(uriEncode("a b/c~d_e-f.g!'()*")).toBe('a%20b%2Fc~d_e-f.g%21%27%28%29%2A');
		expect(amzDate(new Date('2026-12-06T17:05:09.123Z'))).toBe('20261206T170509Z');
	});
});
