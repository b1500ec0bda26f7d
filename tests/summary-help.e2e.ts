import type { Page } from '@playwright/test';
import { expectAccessible, expectNoSideScroll } from './a11y';
import { expect, test } from './csp';
import { asUser, ready } from './helpers';

const SUMMARY_2023 =
	'全年受理12345工单864件，先行联系率97.35%，按时办结率100%；网格流转案件736件，按时办结率99.83%，高效处置率70.15%；拆除存量违法建筑109处；非现场执法立案9件。';
/** Han characters and CJK punctuation (、。，：；（）…). */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

test('工作总结 for 2023: the paragraph holds the published figures, each link opens a list of that many, it copies, and the December report carries it', async ({
	browser
}) => {
	test.setTimeout(180_000); // eight lists over a whole year, judged row by row
	const leader = await asUser(browser, 'lingdao');
	await leader.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await leader.goto('/stats?from=2023-01-01&to=2023-12-31');
	await ready(leader);
	await expect(leader.getByRole('heading', { level: 2, name: '工作总结' })).toBeVisible();
	const zh = leader.locator('[data-summary="zh"] p');
	await expect(zh).toHaveText(SUMMARY_2023);
	await expect(leader.locator('[data-summary="en"] p')).toContainText(
		'In 2023, the street accepted 864 12345 hotline orders, with a first-contact rate of 97.35%'
	);

	// Eight figures, each a link whose list holds exactly the count it stands for.
	const links = zh.locator('a[data-figure]');
	await expect(links).toHaveCount(8);
	const figures = await links.evaluateAll((as) =>
		as.map((a) => ({
			figure: a.getAttribute('data-figure')!,
			count: a.getAttribute('data-count')!,
			href: a.getAttribute('href')!,
			text: a.textContent!
		}))
	);
	expect(figures.map((f) => [f.figure, f.text, f.count])).toEqual([
		['orders_received', '864', '864'],
		['first_contact', '97.35%', '755'],
		['hotline_on_time', '100%', expect.stringMatching(/^\d+$/)],
		['grid_reported', '736', '736'],
		['grid_on_time', '99.83%', '603'],
		['grid_efficient', '70.15%', '603'],
		['stock_structures', '109', '109'],
		['enforcement_opened', '9', '9']
	]);
	const counted: Record<string, number> = {};
	for (const f of figures) {
		await leader.goto(f.href);
		await ready(leader);
		await expect(leader.locator('[data-total]')).toHaveAttribute('data-total', f.count);
		await expect(leader.locator('tbody tr')).toHaveCount(Math.min(Number(f.count), 50));
		counted[f.figure] = Number(f.count);
	}
	expect(counted).toMatchObject({
		orders_received: 864,
		grid_reported: 736,
		stock_structures: 109,
		enforcement_opened: 9
	});

	// 复制 puts the paragraph on the clipboard and says so.
	await leader.goto('/stats?from=2023-01-01&to=2023-12-31');
	await ready(leader);
	await leader.getByRole('button', { name: '复制中文工作总结' }).click();
	await expect(leader.locator('[data-summary="zh"] [role="status"]')).toHaveText('已复制到剪贴板');
	expect(await leader.evaluate(() => navigator.clipboard.readText())).toBe(SUMMARY_2023);

	// The monthly report has it for its month.
	await leader.goto('/stats-report?month=2023-12');
	await ready(leader);
	await expect(leader.locator('[data-summary="zh"] p')).toHaveText(/^本月受理12345工单\d+件，先行联系率[\d.]+%/);
	await leader.context().close();
});

/** Opens the header's 帮助 link (in the phone menu on a narrow screen). */
async function openHelp(page: Page) {
	await page.locator('header .wide-only a[data-help]').click();
	await page.waitForURL(/\/help\?/);
	await ready(page);
}

test('帮助 opens from the header on the page the user is on: a grid worker on 我的任务, a dispatcher on 12345 工单', async ({
	browser
}) => {
	const worker = await asUser(browser, 'wangge');
	await worker.goto('/tasks');
	await ready(worker);
	await openHelp(worker);
	expect(new URL(worker.url()).searchParams.get('from')).toBe('/tasks');
	await expect(worker.getByRole('heading', { level: 1 })).toHaveText('网格员工作指南');
	const here = worker.locator('[data-help-page][aria-current="page"]');
	await expect(here).toHaveCount(1);
	await expect(here).toHaveAttribute('data-help-page', '/tasks');
	await expect(here).toContainText('你在这里');
	await expect(worker.getByText('2个工作时内到现场核查')).toBeVisible();
	await expect(worker.getByRole('heading', { name: '指标的含义' })).toBeVisible();
	await expectAccessible(worker);
	// Readable on the phone, with nothing wider than the screen.
	await worker.setViewportSize({ width: 390, height: 844 });
	await worker.reload();
	await ready(worker);
	await expectNoSideScroll(worker);
	await expectAccessible(worker);
	await worker.context().close();

	const dispatcher = await asUser(browser, 'diaodu');
	await dispatcher.goto('/hotline');
	await ready(dispatcher);
	// The busiest header (ten links, badge, help, language, account) holds one line from 1280 to 1920 px.
	for (const width of [1280, 1366, 1920]) {
		await dispatcher.setViewportSize({ width, height: 900 });
		expect((await dispatcher.locator('header').boundingBox())!.height, `header at ${width}px`).toBeLessThan(64);
		await expectNoSideScroll(dispatcher);
	}
	await dispatcher.setViewportSize({ width: 1280, height: 900 });
	await openHelp(dispatcher);
	await expect(dispatcher.getByRole('heading', { level: 1 })).toHaveText('城运中心调度工作指南');
	await expect(dispatcher.locator('[data-help-page][aria-current="page"]')).toHaveAttribute(
		'data-help-page',
		'/hotline'
	);
	await expect(dispatcher.getByText('30个工作分钟内').first()).toBeVisible();
	// The guide of another role is one link away; a foreign 'from' is not followed.
	await dispatcher.getByRole('link', { name: '处置部门', exact: true }).click();
	await expect(dispatcher.getByRole('heading', { level: 1 })).toHaveText('处置部门工作指南');
	await dispatcher.goto('/help?from=//evil.example/x');
	await expect(dispatcher.getByRole('link', { name: /返回刚才的页面/ })).toHaveCount(0);
	await dispatcher.context().close();
});

test('the audit log reads names, not ids: a new account shows its 片区 and 居民区 by name', async ({ browser }) => {
	const admin = await asUser(browser, 'admin');
	await admin.goto('/admin/users');
	await ready(admin);
	await admin.locator('summary', { hasText: '新建账号' }).click();
	const form = admin.locator('form[action="?/create"]');
	await form.getByLabel('用户名').fill('audit.wg');
	await form.getByLabel('姓名').fill('审计网格员');
	await form.getByLabel('角色').selectOption({ label: '网格员' });
	await form.getByLabel('片区').selectOption({ label: '东片区' });
	await form.getByLabel('居民区').selectOption({ label: '古美三村' });
	await form.getByRole('button', { name: '创建账号' }).click();
	await expect(admin.getByTestId('temp-password')).toBeVisible();

	await admin.goto('/admin/audit?action=user.create');
	await ready(admin);
	const row = admin.locator('tr[data-action="user.create"]').filter({ hasText: '审计网格员' }).first();
	await expect(row).toContainText('账号 · 审计网格员');
	await expect(row.locator('.detail')).toContainText('片区: 东片区');
	await expect(row.locator('.detail')).toContainText('居民区: 古美三村');
	await expect(row.locator('.detail')).toContainText('角色: 网格员');
	await expect(row).not.toContainText(/areaId|communityId|user:\d/);
	await expectAccessible(admin);
	await admin.context().close();
});

test('in English the monthly report has no Chinese, and the statistics offer the summary in English', async ({
	browser
}) => {
	const leader = await asUser(browser, 'lingdao');
	await leader.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: leader.url() }]);
	await leader.goto('/stats-report?month=2023-12');
	await ready(leader);
	await expect(leader.getByRole('heading', { level: 1 })).not.toHaveText(CJK);
	await expect(leader.locator('[data-summary="en"] p')).toHaveText(
		/^This month, the street accepted \d+ 12345 hotline orders/
	);
	const text = await leader.locator('article.a4').innerText();
	expect(text.match(new RegExp(CJK.source, 'g')) ?? [], text).toEqual([]);
	expect(await leader.getByRole('button', { name: 'Print' }).count()).toBe(1);

	// 12345 orders: urgency and 诉求类型 in English.
	await leader.goto('/hotline');
	await ready(leader);
	const types = await leader.locator('tbody tr td:nth-child(2)').allInnerTexts();
	expect(types.length).toBeGreaterThan(0);
	for (const t of types) expect(t).not.toMatch(CJK);
	await leader.context().close();
});
