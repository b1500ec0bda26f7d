import { type Page } from '@playwright/test';
import { expect, test } from './csp';
import { readFileSync } from 'node:fs';
import { act, asUser, expectStatus, fixture, login, ready } from './helpers';

/** Reports a case as the grid worker and returns its URL. */
async function reportCase(page: Page, description: string): Promise<string> {
	await page.goto('/cases/new');
	await ready(page);
	await page.getByLabel('搜索类别').fill('违停');
	await page.getByLabel('问题描述').fill(description);
	await page.getByLabel('经度').fill('121.37792');
	await page.getByLabel('纬度').fill('31.15505');
	await page.getByLabel('现场照片（处置前）').setInputFiles(fixture('before.jpg'));
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page).toHaveURL(/\/cases\/\d+\?done=report/);
	return page.url().split('?')[0];
}

test('pages need a session; a wrong password is refused and the username re-filled', async ({ page }) => {
	await page.goto('/cases');
	await ready(page);
	await expect(page).toHaveURL(/\/login\?next=%2Fcases/);
	await page.getByLabel('用户名').fill('diaodu');
	await page.getByLabel('密码').fill('wrong-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
	await expect(page.getByLabel('用户名')).toHaveValue('diaodu');
	const photo = await page.request.get('/photos/nonexistent/thumb', { maxRedirects: 0 });
	expect(photo.status()).toBe(303);
});

test('bad reports are refused with a clear message, the form re-filled and nothing filed', async ({ browser }) => {
	const worker = await asUser(browser, 'wangge', { width: 390, height: 844 });
	const before = await worker.request.get('/cases').then((r) => r.text());
	const totalBefore = before.match(/共 (\d+) 件/)![1];

	await worker.goto('/cases/new');
	await ready(worker);
	await worker.getByLabel('搜索类别').fill('小广告');
	await worker.getByLabel('问题描述').fill('电线杆上贴满小广告');
	// A point outside the subdistrict, and a text file renamed .jpg.
	await worker.getByLabel('经度').fill('121.30');
	await worker.getByLabel('纬度').fill('31.10');
	await worker.getByLabel('现场照片（处置前）').setInputFiles(fixture('not-an-image.jpg'));
	await worker.getByRole('button', { name: '提交' }).click();
	await expect(worker.locator('p.error', { hasText: '位置不在古美路街道范围内' })).toBeVisible();
	await expect(worker.locator('p.error', { hasText: '文件不是有效的图片' })).toBeVisible();
	await expect(worker.getByLabel('问题描述')).toHaveValue('电线杆上贴满小广告');
	await expect(worker.locator('select[name=categoryCode]')).toHaveValue('SH-HWSR-03');

	// A missing photo.
	await worker.getByLabel('经度').fill('121.37792');
	await worker.getByLabel('纬度').fill('31.15505');
	await worker.getByLabel('现场照片（处置前）').setInputFiles([]);
	await worker.getByRole('button', { name: '提交' }).click();
	await expect(worker.getByText('请至少上传一张照片')).toBeVisible();

	const after = await worker.request.get('/cases').then((r) => r.text());
	expect(after.match(/共 (\d+) 件/)![1]).toBe(totalBefore);
});

test('an action outside the role or the state is refused with 403 / a message, and the case is unchanged', async ({
	browser
}) => {
	const worker = await asUser(browser, 'wangge');
	const caseUrl = await reportCase(worker, '共享单车堆放堵塞人行道（403 测试）');
	// The grid worker is offered no dispatcher action, and a forged post is answered 403.
	await expect(worker.locator('form[data-action="accept"]')).toHaveCount(0);
	const forged = await worker.request.post(`${caseUrl}?/accept`, {
		form: { version: '1' },
		// As a browser without JavaScript posts it (an Accept of */* gets SvelteKit's JSON answer).
		headers: { origin: new URL(caseUrl).origin, accept: 'text/html' }
	});
	expect(forged.status()).toBe(403);

	const handler = await asUser(browser, 'wuye');
	// Not yet dispatched to 物业/居委: the handler cannot see it at all.
	const view = await handler.goto(caseUrl);
	expect(view?.status()).toBe(403);

	// Close on a 待受理 case is not allowed in this state, even for the dispatcher.
	const dispatcher = await asUser(browser, 'diaodu');
	const closing = await dispatcher.request.post(`${caseUrl}?/close`, {
		form: { version: '1' },
		headers: { origin: new URL(caseUrl).origin, accept: 'text/html' }
	});
	expect(closing.status()).toBe(400);
	await dispatcher.goto(caseUrl);
	await ready(dispatcher);
	await expectStatus(dispatcher, '待受理');
	await expect(dispatcher.locator('ol.timeline > li')).toHaveCount(1);
});

test('two dispatchers on the same case: one wins, the other is told to refresh and loses nothing', async ({
	browser
}) => {
	const worker = await asUser(browser, 'wangge');
	const caseUrl = await reportCase(worker, '并发测试：非机动车乱停放');
	const first = await asUser(browser, 'diaodu');
	const second = await asUser(browser, 'diaodu');
	await first.goto(caseUrl);
	await ready(first);
	await second.goto(caseUrl);
	await ready(second);
	await act(first, 'accept');
	// The second page still shows the old version; its 作废 must not overwrite the 受理.
	const voidForm = second.locator('form[data-action="void"]');
	await voidForm.getByLabel('原因').fill('重复上报');
	await voidForm.getByRole('checkbox', { name: /我确认作废/ }).check();
	await voidForm.locator('button[type=submit]').click();
	await expect(second.getByText('案件已被他人更新，请刷新')).toBeVisible();
	await expect(voidForm.getByLabel('原因')).toHaveValue('重复上报');
	await second.goto(caseUrl);
	await ready(second);
	await expectStatus(second, '待立案');
});

test('the language switch shows the interface in English', async ({ page }) => {
	await login(page, 'lingdao');
	await page.getByRole('button', { name: '切换语言' }).click();
	await expect(page.getByRole('link', { name: 'My tasks' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('button', { name: 'Switch language' }).click();
	await expect(page.getByRole('link', { name: '我的任务' })).toBeVisible();
});

test('a 10 MB text field is refused with a message, not a crash', async ({ browser }) => {
	const worker = await asUser(browser, 'wangge');
	const response = await worker.request.post('/cases/new', {
		headers: { origin: new URL(worker.url()).origin, accept: 'text/html' },
		multipart: {
			mode: 'report',
			categoryCode: 'SH-HWSR-03',
			description: '广'.repeat((10 * 1024 * 1024) / 3),
			lng: '121.37792',
			lat: '31.15505',
			beforePhotos: { name: 'before.jpg', mimeType: 'image/jpeg', buffer: readFileSync(fixture('before.jpg')) }
		}
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('内容过长');
});

test('the case list filters by GET parameters that can be shared', async ({ page }) => {
	await login(page, 'diaodu');
	await page.goto('/cases');
	await ready(page);
	const all = Number((await page.getByText(/共 \d+ 件/).innerText()).match(/\d+/)![0]);
	expect(all).toBeGreaterThan(20);
	await expect(page.getByRole('link', { name: '下一页' })).toBeVisible();
	await page.getByLabel('状态').selectOption({ label: '已结案' });
	await page.getByLabel('片区').selectOption({ label: '西片区' });
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page).toHaveURL(/status=closed/);
	await expect(page).toHaveURL(/area=\d+/);
	const closed = Number((await page.getByText(/共 \d+ 件/).innerText()).match(/\d+/)![0]);
	expect(closed).toBeLessThan(all);
	for (const cell of await page.locator('tbody tr td:nth-child(3)').allInnerTexts()) expect(cell).toBe('已结案');
	// The same URL opened afresh gives the same list.
	const shared = page.url();
	await page.goto(shared);
	await ready(page);
	await expect(page.getByText(`共 ${closed} 件`)).toBeVisible();
	await page.goto('/cases?q=%E5%B0%8F%E5%B9%BF%E5%91%8A');
	await ready(page);
	for (const text of await page.locator('tbody tr td:nth-child(2)').allInnerTexts())
		expect(text).toMatch(/小广告|乱张贴/);
});
