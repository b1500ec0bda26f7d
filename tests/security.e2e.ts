import type { Page } from '@playwright/test';
import { expect, test } from './csp';
import { asUser, ready } from './helpers';

// Issue 14 §2: what an admin types is shown as text even where Leaflet takes HTML, and every page is
// sent with a Content-Security-Policy that lets scripts come only from the app (and images from the
// configured tile host).
const SCRIPT = `<img src=x onerror="alert('attribution')">© Example`;
// A 1×1 transparent PNG, answered for every tile request so no test needs a tile server.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
	'base64'
);

async function chooseBaseMap(admin: Page, kind: string, fill?: (p: Page) => Promise<void>) {
	await admin.goto('/admin/map');
	await ready(admin);
	await admin.getByRole('radio', { name: kind }).check();
	await fill?.(admin);
	await admin.getByRole('button', { name: '保存' }).click();
	await expect(admin.getByRole('status')).toBeVisible();
}

test('a script in the base-map attribution stays text, and pages carry the Content-Security-Policy', async ({
	browser
}) => {
	const admin = await asUser(browser, 'admin');
	const dialogs: string[] = [];
	admin.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	let tiles = 0;
	await admin.route(
		'https://tiles.example.test/**',
		(r) => (tiles++, r.fulfill({ contentType: 'image/png', body: PNG }))
	);
	await chooseBaseMap(admin, '其他 XYZ 瓦片', async (p) => {
		await p.getByLabel('瓦片地址模板').fill('https://tiles.example.test/{z}/{x}/{y}.png');
		await p.getByLabel('版权说明（地图上显示）').fill(SCRIPT);
	});
	try {
		const res = (await admin.goto('/map'))!;
		const policy = res.headers()['content-security-policy'];
		expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(policy.match(/script-src[^;]*/)![0]).not.toContain('unsafe-inline');
		expect(policy).toMatch(/img-src 'self' data: blob: https:\/\/tiles\.example\.test(;|$)/);
		expect(policy).toContain("frame-ancestors 'none'");
		expect(res.headers()['x-content-type-options']).toBe('nosniff');
		expect(res.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
		await ready(admin);
		const map = admin.getByTestId('case-map');
		await expect(map).toHaveAttribute('data-ready', '1');
		const credit = map.locator('.leaflet-control-attribution');
		await expect(credit).toContainText(SCRIPT);
		await expect(credit.locator('img')).toHaveCount(0);
		await expect.poll(() => tiles).toBeGreaterThan(0);
		await expect.poll(() => map.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
		expect(dialogs).toEqual([]);
	} finally {
		await chooseBaseMap(admin, '不用底图（只画边界与案件）');
	}

	// Responses that are not pages get a policy that allows nothing.
	const json = await admin.request.get('/map/points?track=cases&bbox=121.38,31.14,121.39,31.15&zoom=15');
	expect(json.headers()['content-type']).toContain('application/json');
	expect(json.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
});
