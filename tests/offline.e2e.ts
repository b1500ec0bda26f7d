import { type Page } from '@playwright/test';
import { expect, test } from './csp';
import { expectAccessible, expectNoSideScroll } from './a11y';
import { fixture, login, ready } from './helpers';

const PHONE = { width: 390, height: 844 };

/** Whether the service worker keeps these pages (their HTML) for reading offline. */
const kept = (page: Page, paths: string[]) =>
	page.evaluate(async (paths) => {
		for (const name of await caches.keys()) {
			if (!name.startsWith('pages-')) continue;
			const cache = await caches.open(name);
			const hits = await Promise.all(paths.map((p) => cache.match(location.origin + p)));
			return hits.every(Boolean);
		}
		return false;
	}, paths);

/** How many cases a dispatcher finds with this text in the case list. */
async function countCases(page: Page, text: string): Promise<string> {
	await page.goto(`/cases?q=${encodeURIComponent(text)}`);
	return (
		await page
			.getByText(/共 \d+ 件/)
			.first()
			.innerText()
	).match(/共 (\d+) 件/)![1];
}

// A grid worker in a basement: no connection while reporting and checking; both wait on the phone
// ("待发送 2") and arrive once when the connection returns, even though the first send's answer is lost.
test('offline report and 核查 wait in the outbox and arrive exactly once', async ({ browser }) => {
	const context = await browser.newContext({
		viewport: PHONE,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		// The phone's GPS, already allowed (as after a first 使用当前位置 on the report form): 东兰一居.
		geolocation: { longitude: 121.37792, latitude: 31.15505 },
		permissions: ['geolocation']
	});
	const page = await context.newPage();
	await login(page, 'wangge2');

	// Installable: a manifest and an active service worker.
	const manifest = await (await page.request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({
		short_name: '网格通',
		start_url: '/tasks',
		display: 'standalone',
		theme_color: '#1d4ed8'
	});
	expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
	await expect
		.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
		.toBe('activated');

	// The worker's tasks: cases of 东兰一居 waiting for 核查; each is kept for offline reading.
	await page.goto('/tasks');
	const caseLink = page.locator('main a[href^="/cases/"]').filter({ hasText: /^W\d+/ }).first();
	const caseHref = (await caseLink.getAttribute('href'))!;
	const code = (await caseLink.innerText()).trim();
	await expect.poll(() => kept(page, ['/tasks', '/cases/new', '/outbox', caseHref]), { timeout: 30_000 }).toBe(true);

	await context.setOffline(true);
	// 核查 with no connection: the case page opens from the phone, the check is kept.
	await page.goto(caseHref);
	await ready(page);
	await expect(page.getByRole('status').filter({ hasText: '离线' })).toBeVisible();
	const check = page.locator('form[data-action="check_pass"]');
	// The 处置前 photo to stand by is on the phone too.
	await expect
		.poll(() => check.getByRole('img', { name: '处置前照片' }).evaluate((i) => (i as HTMLImageElement).naturalWidth))
		.toBeGreaterThan(0);
	await check.getByLabel('说明').fill('离线核查：现场已恢复（e2e）');
	await check.getByLabel('照片').setInputFiles(fixture('after.jpg'));
	await check.getByRole('button', { name: '记录核查位置 (GPS)' }).click();
	await expect(check.getByText('已记录位置 121.377920, 31.155050')).toBeVisible();
	await expectAccessible(page);
	await expectNoSideScroll(page);
	await check.getByRole('button', { name: '核查通过' }).click();
	await expect(page.getByRole('link', { name: '待发送 1' })).toBeVisible();
	// The case page says the 核查 waits on the phone, and offers no second one meanwhile.
	await expect(page.getByTestId('kept-check')).toContainText('“核查通过”已保存在本机，待发送');
	await expect(page.locator('form[data-action^="check_"]')).toHaveCount(0);
	await expectAccessible(page);
	await expectNoSideScroll(page);

	// 上报 with no connection: the form opens from the phone, the report is kept with its photo.
	await page.goto('/cases/new');
	await ready(page);
	await page.getByLabel('搜索类别').fill('乱设摊');
	await page.getByLabel('问题描述').fill('地下车库入口堆放杂物（离线 e2e）');
	await page.getByLabel('经度').fill('121.37792');
	await page.getByLabel('纬度').fill('31.15505');
	await page.getByLabel('现场照片（处置前）').setInputFiles(fixture('before.jpg'));
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByText(/已保存在本机，待发送 2 条/)).toBeVisible();
	// Said where the worker looks: the notice sits at the top of the form, the thumb is on 提交 at the bottom.
	await expect(page.getByText(/已保存在本机，待发送 2 条/)).toBeInViewport();
	// The emptied form is ready for the next report, 方式 上报 chosen as on a fresh page.
	await expect(page.getByLabel('问题描述')).toHaveValue('');
	await expect(page.getByRole('radio', { name: '上报，由城运中心派遣' })).toBeChecked();
	await expect(page.getByRole('link', { name: '待发送 2' })).toBeVisible();
	await expectAccessible(page);
	await expectNoSideScroll(page);
	// The /outbox kept for offline use is made by the server, which cannot see the phone's storage: until
	// the page has read it, it says so instead of "没有待发送的内容" while two items wait.
	const keptOutbox = await page.evaluate(async () => {
		for (const name of await caches.keys()) {
			const hit = name.startsWith('pages-') && (await (await caches.open(name)).match(location.origin + '/outbox'));
			if (hit) return hit.text();
		}
		return '';
	});
	expect(keptOutbox).toContain('正在读取本机保存的内容');
	expect(keptOutbox).not.toContain('没有待发送的内容');
	await page.goto('/outbox');
	await expect(page.locator('ol.items > li')).toHaveCount(2);
	await expectAccessible(page);
	await expectNoSideScroll(page);
	await expect(page.locator('ol.items > li').first()).toContainText('核查通过');
	// The 核查 was recorded ten minutes before the connection returns (a long stairwell).
	const checkedAt = await page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('gridcase');
				open.onsuccess = () => {
					const store = open.result.transaction('outbox', 'readwrite').objectStore('outbox');
					const all = store.getAll();
					all.onsuccess = () => {
						const item = all.result.find((i) => i.kind === 'check_pass');
						item.capturedAt -= 10 * 60_000;
						store.put(item).onsuccess = () => resolve(item.capturedAt);
					};
				};
				open.onerror = () => reject(open.error);
			})
	);

	// Back online. The first send reaches the server but its answer is lost on the way back.
	let dropped = 0;
	await page.route('**/field/submit', async (route) => {
		if (dropped === 0) {
			dropped += 1;
			await route.fetch();
			await route.abort('connectionreset');
		} else await route.continue();
	});
	await context.setOffline(false);
	await expect(page.getByText('没有待发送的内容')).toBeVisible({ timeout: 30_000 });
	expect(dropped).toBe(1);

	// Exactly once: one 核查 event on the case, one case with the report's text.
	await page.goto(caseHref);
	await expect(page.locator('h1 .status')).toHaveText('待结案');
	await expect(page.locator('.timeline li[data-action="check_pass"]').filter({ hasText: '离线核查' })).toHaveCount(1);
	// It keeps the point the phone gave and the time it was recorded there, not the upload time.
	const checked = page.locator('.timeline li[data-action="check_pass"]');
	await expect(checked).toContainText('现场位置 121.377920, 31.155050');
	const onSite = new Date(checkedAt + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
	await expect(checked).toContainText(`现场记录 ${onSite}`);
	await expect(page.getByTestId('kept-check')).toHaveCount(0);
	const dispatcher = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	await login(dispatcher, 'diaodu');
	expect(await countCases(dispatcher, '离线 e2e')).toBe('1');
	expect(code).toMatch(/^W\d+/);
	await context.close();
});

// Faults: the session ends while the phone is offline, and a "photo" that is not an image. The
// outbox survives signing in again; the bad item is held with the reason, never lost unseen.
test('a session that ended offline keeps the outbox; a photo that is not an image is held with the reason', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const page = await context.newPage();
	await login(page, 'wangge');
	await page.goto('/cases/new');
	await ready(page);
	await expect.poll(() => kept(page, ['/cases/new']), { timeout: 30_000 }).toBe(true);

	await context.setOffline(true);
	await page.getByLabel('搜索类别').fill('小广告');
	await page.getByLabel('问题描述').fill('楼道小广告（坏照片 e2e）');
	await page.getByLabel('经度').fill('121.37792');
	await page.getByLabel('纬度').fill('31.15505');
	await page.getByLabel('现场照片（处置前）').setInputFiles(fixture('not-an-image.jpg'));
	await page.getByRole('button', { name: '提交' }).click();
	await expect(page.getByRole('link', { name: '待发送 1' })).toBeVisible();

	// The session ends meanwhile; back online the send is refused as signed out and kept.
	await context.clearCookies();
	await context.setOffline(false);
	await expect(page.getByRole('link', { name: '登录已过期，请重新登录后发送' })).toBeVisible({ timeout: 30_000 });
	await login(page, 'wangge');
	// Signed in again, the outbox sends by itself: the server names the bad photo and nothing is filed.
	await expect(page.getByRole('link', { name: '需处理 1' })).toBeVisible({ timeout: 30_000 });
	await page.goto('/outbox');
	const item = page.locator('ol.items > li');
	await expect(item).toContainText('楼道小广告（坏照片 e2e）');
	await expect(item).toContainText('文件不是有效的图片');
	await expectAccessible(page);
	page.once('dialog', (d) => void d.accept());
	await item.getByRole('button', { name: '放弃这条' }).click();
	await expect(page.getByText('没有待发送的内容')).toBeVisible();
	await context.close();
});
