import { type Page } from '@playwright/test';
import { expect, test } from './csp';
import { readFileSync } from 'node:fs';
import { act, asUser, expectStatus, fixture, ready } from './helpers';

// A point in 西片区 about 250 m from every 居民区 marker, so no demo case lies within the 50 m dedup radius.
const CAMERA = { id: 'E2E-CAM-1', name: '古美西路测试探头', lng: 121.3742, lat: 31.157 };
const SHOP_PHONE = '13916654082'; // 鲜果多水果店 in the demo shop registry

function alertForm(capturedAt: string) {
	const fd = new FormData();
	fd.append(
		'alert',
		JSON.stringify({
			cameraId: CAMERA.id,
			capturedAt,
			lng: CAMERA.lng,
			lat: CAMERA.lat,
			categoryCode: 'SH-JMZX-01',
			confidence: 0.94
		})
	);
	for (const name of ['before.jpg', 'after.jpg'])
		fd.append('frames', new Blob([readFileSync(fixture(name))], { type: 'image/jpeg' }), name);
	return fd;
}

async function printDocument(page: Page, href: string, heading: string, outPath: string): Promise<string> {
	const doc = await page.context().newPage();
	await doc.goto(href);
	await expect(doc.getByRole('heading', { level: 1 })).toHaveText(heading);
	// Every evidence image is really there, not a broken icon.
	const images = doc.locator('.annex img');
	await expect(images).toHaveCount(3);
	for (const img of await images.all())
		expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
	const text = await doc.locator('article').innerText();
	const pdf = await doc.pdf({ format: 'A4', printBackground: true, path: outPath });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	// The page and its evidence annex: at least two A4 pages.
	expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(2);
	await doc.close();
	return text;
}

test('a camera alert becomes an enforcement case and ends in a paid penalty, both documents printed', async ({
	browser,
	request
}, info) => {
	test.setTimeout(240_000);
	// The admin registers the camera, shortens the 先行告知整改 period for this run, and issues an alerts key.
	const admin = await asUser(browser, 'admin');
	await admin.goto('/admin/cameras');
	await ready(admin);
	const add = admin.locator('form[action="?/add"]');
	await add.getByLabel('探头编号').fill(CAMERA.id);
	await add.getByLabel('名称').fill(CAMERA.name);
	await add.getByLabel('经度').fill(String(CAMERA.lng));
	await add.getByLabel('纬度').fill(String(CAMERA.lat));
	await add.getByRole('button', { name: '登记' }).click();
	await expect(admin.getByRole('status')).toHaveText(`已登记探头 ${CAMERA.id}`);
	await admin.getByLabel('先行告知整改期（分钟）').fill('1');
	await admin.getByRole('button', { name: '保存设置' }).click();
	await expect(admin.getByRole('status')).toContainText('已保存');
	await admin.goto('/admin/api-keys');
	await ready(admin);
	await admin.getByLabel('名称').fill('一网统管视频平台');
	await admin.getByLabel('用途').selectOption({ label: '视频告警' });
	await admin.getByRole('button', { name: '创建密钥' }).click();
	const key = (await admin.getByTestId('new-key').innerText()).trim();

	// The platform pushes a multipart alert with two frames and no Origin header.
	const capturedAt = new Date(Date.now() - 120_000).toISOString();
	expect((await request.post('/api/v1/alerts', { multipart: alertForm(capturedAt) })).status()).toBe(401);
	const pushed = await request.post('/api/v1/alerts', {
		multipart: alertForm(capturedAt),
		headers: { authorization: `Bearer ${key}` }
	});
	expect(pushed.status()).toBe(201);
	const { alertId } = await pushed.json();
	const replay = await request.post('/api/v1/alerts', {
		multipart: alertForm(capturedAt),
		headers: { authorization: `Bearer ${key}` }
	});
	expect(replay.status()).toBe(409);
	expect((await replay.json()).error.code).toBe('replayed');
	// A browser form posted from elsewhere is still refused (the API exemption is for that path only).
	expect((await request.post('/cases/1?/accept', { form: { version: '1' } })).status()).toBe(403);

	// The officer reviews the alert and opens an enforcement case.
	const zhifa = await asUser(browser, 'zhifa');
	await expect(zhifa).toHaveURL(/\/enforcement$/);
	await zhifa.goto('/alerts');
	await zhifa.locator(`[data-alert="${alertId}"] a`).first().click();
	await zhifa.waitForURL(`**/alerts/${alertId}`);
	await ready(zhifa);
	await zhifa
		.locator('form[data-action="enforcement"] textarea[name="description"]')
		.fill('人行道上流动摊贩售卖水果，占用通行');
	await zhifa.locator('form[data-action="enforcement"] button[type=submit]').click();
	await zhifa.waitForURL(/\/enforcement\/\d+\?done=open/);
	const caseUrl = zhifa.url().split('?')[0];
	await expectStatus(zhifa, '待先行告知');
	await expect(zhifa.locator('[data-clock="notify"]')).toContainText('先行告知时限');

	// 当事人: found in the shop registry, then the 先行告知 SMS.
	await zhifa.getByLabel('查找商户').fill('鲜果');
	await zhifa.getByRole('button', { name: '筛选' }).click();
	await zhifa.waitForURL(/shopQ=/);
	await act(zhifa, 'link_shop');
	await expect(zhifa.getByRole('link', { name: '鲜果多水果店' })).toBeVisible();
	await act(zhifa, 'notify');
	await expectStatus(zhifa, '整改期');
	const notifiedAt = Date.now();

	// "Not corrected" before the period ends is refused, and nothing changes.
	await ready(zhifa);
	const recheck = zhifa.locator('form[data-action="recheck"]');
	await recheck.getByLabel(/未整改/).check();
	await recheck.locator('input[type=file]').setInputFiles(fixture('after.jpg'));
	await recheck.locator('button[type=submit]').click();
	await expect(zhifa.getByRole('alert')).toHaveText('整改期尚未届满，不能认定未整改');
	await expectStatus(zhifa, '整改期');
	await zhifa.waitForTimeout(Math.max(0, notifiedAt + 62_000 - Date.now()));
	await zhifa.goto(caseUrl);
	await act(zhifa, 'recheck', async (f) => {
		await f.getByLabel(/未整改/).check();
		await f.locator('input[type=file]').setInputFiles(fixture('after.jpg'));
	});
	await act(zhifa, 'register');
	await act(zhifa, 'confirm_party', (f) => f.getByLabel('确认方式').selectOption({ label: '电话确认' }));

	// A fine outside 100–1000 元 is refused with the range; 500 元 issues the 告知书.
	await ready(zhifa);
	const notice = zhifa.locator('form[data-action="issue_notice"]');
	await notice.getByLabel('拟罚款金额（元）').fill('50');
	await notice.locator('button[type=submit]').click();
	await expect(zhifa.getByRole('alert')).toHaveText('罚款金额超出该违法行为的法定幅度');
	await expect(notice.getByLabel('拟罚款金额（元）')).toHaveValue('50');
	await act(zhifa, 'issue_notice', (f) => f.getByLabel('拟罚款金额（元）').fill('500'));
	await expectStatus(zhifa, '陈述申辩期');
	await expect(zhifa.locator('[data-clock="statement"]')).toContainText('陈述申辩期');
	await act(zhifa, 'record_statement', (f) => f.getByLabel('陈述申辩内容').fill('初次违法，已自行收摊，请求从轻处罚'));
	await act(zhifa, 'decide', (f) => f.getByLabel('罚款金额（元）').fill('500'));
	await expectStatus(zhifa, '待缴款');
	await expect(zhifa.locator('[data-clock="payment"]')).toContainText('缴款期限');

	// Both documents, rendered from the case and printed to PDF by the browser.
	const noticeText = await printDocument(
		zhifa,
		(await zhifa.locator('a[data-doc="notice"]').getAttribute('href')) as string,
		'违法行为告知书',
		info.outputPath('notice.pdf')
	);
	expect(noticeText).toMatch(/古美城管告字〔\d{4}〕第\d{4}号/);
	expect(noticeText).toContain('罚款人民币500.00元');
	expect(noticeText).toContain('陈述、申辩');
	expect(noticeText).toContain('鲜果多水果店');
	const decisionText = await printDocument(
		zhifa,
		(await zhifa.locator('a[data-doc="decision"]').getAttribute('href')) as string,
		'行政处罚决定书',
		info.outputPath('decision.pdf')
	);
	expect(decisionText).toMatch(/古美城管罚字〔\d{4}〕第\d{4}号/);
	expect(decisionText).toContain('初次违法，已自行收摊');
	expect(decisionText).toContain('百分之三加处罚款');

	// Payment: a wrong amount says what is due; then paid and closed.
	await ready(zhifa);
	const pay = zhifa.locator('form[data-action="record_payment"]');
	await pay.getByLabel('缴款金额（元）').fill('400');
	await pay.locator('button[type=submit]').click();
	await expect(zhifa.getByRole('alert')).toContainText('应缴 500.00 元');
	await act(zhifa, 'record_payment', (f) => f.getByLabel('缴款金额（元）').fill('500.00'));
	await act(zhifa, 'close');
	await expectStatus(zhifa, '已结案');
	await expect(zhifa.locator('[data-evidence="ok"]')).toHaveText('全部 3 份证据与采集时记录的 SHA-256 一致');
	const actions = await zhifa
		.locator('.timeline li')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
	expect(actions).toEqual([
		'open',
		'link_shop',
		'notify',
		'recheck',
		'register',
		'confirm_party',
		'issue_notice',
		'record_statement',
		'decide',
		'record_payment',
		'close'
	]);
	await expect(zhifa.getByText(SHOP_PHONE)).toBeVisible();

	// Leadership reads the case with the shop owner's phone masked; a grid worker may not open it.
	const lingdao = await asUser(browser, 'lingdao');
	await lingdao.goto(caseUrl);
	await expectStatus(lingdao, '已结案');
	await expect(lingdao.locator('main')).toContainText('139****4082');
	expect(await lingdao.content()).not.toContain(SHOP_PHONE);
	const wangge = await asUser(browser, 'wangge');
	expect((await wangge.goto(caseUrl))?.status()).toBe(403);
	// The officer's own list holds enforcement cases only: the grid-flow list is empty for them.
	await zhifa.goto('/cases');
	await expect(zhifa.getByText('共 0 件')).toBeVisible();
});
