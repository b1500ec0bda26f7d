import { expect, test } from './csp';
import { expectAccessible, expectNoSideScroll } from './a11y';
import { asUser, ready } from './helpers';

// Issue 15, the officer's dead ends: a shop registered from an enforcement case on the map lands back
// on the case with the shop selected; the registry finds a shop by any part of its name; the 决定书
// names the 复议机关 and the court from the admin's settings, and a reprint is the archived document.

const SHOP = { name: '东兰巷口便民五金', owner: '钱小华', phone: '13811112222' };

test('a shop made from an enforcement case by a click on the map, found by the middle of its name', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const zhifa = await asUser(browser, 'zhifa');
	// The demo case waiting for 先行告知 has no party yet.
	await zhifa.goto('/enforcement');
	const row = zhifa.locator('tr', { hasText: '待先行告知' }).first();
	await row.getByRole('link').click();
	await zhifa.waitForURL(/\/enforcement\/\d+$/);
	const caseUrl = zhifa.url();
	await ready(zhifa);
	await zhifa.getByRole('link', { name: '新建商户档案' }).click();
	await zhifa.waitForURL(/\/shops\/new\?from=\d+/);
	await ready(zhifa);
	await expect(zhifa.getByRole('link', { name: /返回执法案件 Z\d+/ })).toBeVisible();

	// The point starts at the case's place; a click on the map moves it.
	const lng = zhifa.getByLabel('经度');
	const lat = zhifa.getByLabel('纬度');
	const start = { lng: Number(await lng.inputValue()), lat: Number(await lat.inputValue()) };
	expect(start.lng).toBeGreaterThan(121.3);
	expect(start.lat).toBeGreaterThan(31.1);
	const map = zhifa.locator('.point-picker .map.leaflet-container');
	await expect(map).toBeVisible();
	const box = (await map.boundingBox())!;
	await map.click({ position: { x: box.width / 2 + 40, y: box.height / 2 - 30 } });
	await expect(lng).not.toHaveValue(String(start.lng));
	const picked = { lng: Number(await lng.inputValue()), lat: Number(await lat.inputValue()) };
	expect(picked.lng).toBeGreaterThan(start.lng); // east of the case's point, as clicked
	expect(picked.lat).toBeLessThan(start.lat + 0.01);
	await expect(zhifa.locator('.point-picker .leaflet-interactive, .point-picker path')).not.toHaveCount(0);
	await expectAccessible(zhifa);

	await zhifa.getByLabel('店招名', { exact: true }).fill(SHOP.name);
	await zhifa.getByLabel('负责人', { exact: true }).fill(SHOP.owner);
	await zhifa.getByLabel('电话', { exact: true }).fill(SHOP.phone);
	await zhifa.getByRole('button', { name: '创建档案' }).click();

	// Back on the case, the new shop first and selected in 关联当事人.
	await zhifa.waitForURL(new RegExp(`${caseUrl.replace(/[.?]/g, '\\$&')}\\?shop=\\d+$`));
	await expect(zhifa.getByRole('status').filter({ hasText: SHOP.name })).toContainText(
		`商户「${SHOP.name}」已建档并已选中`
	);
	const link = zhifa.locator('form[data-action="link_shop"]');
	await expect(link.getByRole('radio', { name: new RegExp(SHOP.name) })).toBeChecked();

	// The registry finds it by the middle of its name, and by its 居民区 with the address typed without spaces.
	await zhifa.goto('/shops?q=' + encodeURIComponent('巷口便民'));
	await expect(zhifa.locator('main')).toContainText(SHOP.name);
	await zhifa.goto('/shops?q=' + encodeURIComponent('古美路1258号'));
	await expect(zhifa.locator('main')).toContainText('古美小笼包');
	await expect(zhifa.locator('main')).not.toContainText(SHOP.name);
	await zhifa.setViewportSize({ width: 390, height: 844 });
	await zhifa.goto(caseUrl.replace(/\/enforcement\/(\d+)$/, '/shops/new?from=$1'));
	await ready(zhifa);
	await expectNoSideScroll(zhifa);
	await zhifa.context().close();
});

test('the 决定书 names the 复议机关 and the court; a reprint after new settings is the archived document', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const zhifa = await asUser(browser, 'zhifa');
	await zhifa.goto('/enforcement');
	await zhifa.locator('tr', { hasText: '待缴款' }).first().getByRole('link').click();
	await zhifa.waitForURL(/\/enforcement\/\d+$/);
	const decisionHref = (await zhifa.locator('a[data-doc="decision"]').getAttribute('href'))!;
	await zhifa.goto(decisionHref);
	await expect(zhifa.getByRole('heading', { level: 1 })).toHaveText('行政处罚决定书');
	const appeal = zhifa.locator('[data-mark="appeal"]');
	await expect(appeal).toContainText('六十日内向上海市闵行区人民政府申请行政复议');
	await expect(appeal).toContainText('六个月内依法向上海市闵行区人民法院提起行政诉讼');
	const archived = zhifa.locator('[data-archive-sha256]');
	const sha = await archived.getAttribute('data-archive-sha256');
	expect(sha).toMatch(/^[0-9a-f]{64}$/);
	const before = await zhifa.locator('article').innerText();
	// The archived file is the one hashed.
	const file = await zhifa.request.get(decisionHref + '/archived');
	expect(file.status()).toBe(200);
	expect(file.headers()['x-content-sha256']).toBe(sha);
	expect(await file.text()).toContain('上海市闵行区人民法院');

	// The admin names another court; a wrong one is refused with the reason.
	const admin = await asUser(browser, 'admin');
	await admin.goto('/admin/documents');
	await ready(admin);
	await admin.getByLabel('管辖人民法院').fill('闵行区司法局');
	await admin.getByRole('button', { name: '保存' }).click();
	await expect(admin.locator('main')).toContainText('请填写人民法院全称');
	await admin.getByLabel('管辖人民法院').fill('上海铁路运输法院');
	await admin.getByRole('button', { name: '保存' }).click();
	await expect(admin.getByRole('status')).toContainText('已保存');
	await expect(admin.locator('[data-appeal-sentence]')).toContainText('依法向上海铁路运输法院提起行政诉讼');
	await expectAccessible(admin);

	// The reprint is unchanged: the archive, not today's settings.
	await zhifa.goto(decisionHref);
	expect(await zhifa.locator('article').innerText()).toBe(before);
	await expect(zhifa.locator('article')).not.toContainText('上海铁路运输法院');

	// In English: the labels and headings are English, the legal text stays as served.
	await admin.goto('/admin/documents');
	await ready(admin);
	await admin.getByLabel('管辖人民法院').fill('上海市闵行区人民法院');
	await admin.getByRole('button', { name: '保存' }).click();
	await expect(admin.getByRole('status')).toContainText('已保存');
	await zhifa.goto('/enforcement');
	await ready(zhifa);
	await zhifa.getByRole('button', { name: /English/ }).click();
	await zhifa.goto(decisionHref);
	await expect(zhifa.getByRole('heading', { level: 1 })).toContainText('Administrative penalty decision');
	await expect(zhifa.locator('article')).toContainText('Legal text (in Chinese, as served on the party)');
	await expect(zhifa.locator('[data-appeal]')).toContainText(
		'Administrative review: apply to 上海市闵行区人民政府 within 60 days'
	);
	await expect(zhifa.locator('[data-appeal]')).toContainText('Lawsuit: sue at 上海市闵行区人民法院 within 6 months');
	await expect(zhifa.locator('article')).toContainText('Annex: evidence');
	await expect(zhifa.getByRole('button', { name: 'Print' })).toBeVisible();
	await expectAccessible(zhifa);
});
