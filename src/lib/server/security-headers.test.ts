import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_MAP, baseMapView } from '$lib/domain/base-map';
import { setSecurityHeaders, withImageSources } from './security-headers';

const PAGE = "default-src 'self'; img-src 'self' data: blob:; script-src 'self' 'nonce-abc'; frame-ancestors 'none'";

describe('withImageSources', () => {
	it('adds the tile hosts to img-src only', () => {
		expect(withImageSources(PAGE, ['https://*.is.autonavi.com'])).toBe(
			"default-src 'self'; img-src 'self' data: blob: https://*.is.autonavi.com; script-src 'self' 'nonce-abc'; frame-ancestors 'none'"
		);
		expect(withImageSources(PAGE, [])).toBe(PAGE);
	});
});

describe('setSecurityHeaders', () => {
	it('widens a page policy by the base map and gives every other response a policy that allows nothing', async () => {
		const page = new Headers({ 'content-type': 'text/html', 'content-security-policy': PAGE });
		await setSecurityHeaders(page, async () => baseMapView({ ...DEFAULT_BASE_MAP, kind: 'amap' }));
		expect(page.get('content-security-policy')).toContain("img-src 'self' data: blob: https://*.is.autonavi.com;");
		expect(page.get('x-content-type-options')).toBe('nosniff');
		expect(page.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		const json = new Headers({ 'content-type': 'application/json' });
		let asked = false;
		await setSecurityHeaders(json, async () => ((asked = true), baseMapView(DEFAULT_BASE_MAP)));
		expect(json.get('content-security-policy')).toMatch(/^default-src 'none'; frame-ancestors 'none'/);
		expect(asked).toBe(false);
	});
});
