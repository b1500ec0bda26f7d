import { type Page } from '@playwright/test';
import { expect, test } from './csp';
import { asUser, ready } from './helpers';

const PHONE = { width: 390, height: 844 };

/** The deadline levels of the badges in list order (red = overdue). */
async function badgeLevels(page: Page, scope: string): Promise<string[]> {
	return page.locator(`${scope} .badge`).evaluateAll((els) => els.map((e) => e.getAttribute('data-level') ?? ''));
}

/** No overdue item after one that is not. */
const overdueFirst = (levels: string[]) => {
	const firstNotRed = levels.findIndex((l) => l !== 'red');
	return firstNotRed === -1 || !levels.slice(firstNotRed).includes('red');
};

test('a handler’s tasks hold their 12345 orders beside their cases, overdue first; the order page calls the citizen with one tap, a leader sees the number masked', async ({
	browser
}) => {
	// 绿化所 has demo orders waiting to be signed, contacted and redone.
	const handler = await asUser(browser, 'lvhua', PHONE);
	await ready(handler);
	const cards = handler.locator('ul.cards > li');
	const orderCards = handler.locator('ul.cards > li[data-kind="order"]');
	await expect(orderCards.first()).toBeVisible();
	await expect(handler.locator('table')).toBeHidden();
	expect(await orderCards.count()).toBeGreaterThanOrEqual(3);
	// One link per card, named by everything on it: the countdown first, the code, the kind.
	const firstOrder = orderCards.first().getByRole('link');
	await expect(firstOrder).toHaveCount(1);
	await expect(firstOrder).toContainText('12345 工单');
	const orderNo = (await firstOrder.locator('.code').innerText()).trim();
	expect(orderNo).toMatch(/^SH12345-/);
	await expect(handler.getByRole('link', { name: orderNo })).toBeVisible();
	const levels = await badgeLevels(handler, 'ul.cards');
	expect(levels.length).toBe(await cards.count());
	expect(levels).toContain('red');
	expect(overdueFirst(levels)).toBe(true);
	expect(
		await handler.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
	).toBe(0);

	await firstOrder.click();
	await handler.waitForURL(/\/hotline\/\d+$/);
	const orderUrl = handler.url();
	const call = handler.getByTestId('phone').getByRole('link');
	const phone = (await call.innerText()).trim();
	expect(phone).toMatch(/^1[3-9]\d{9}$/);
	await expect(call).toHaveAttribute('href', `tel:${phone}`);

	// The task list never carries the citizen's phone.
	await handler.goto('/tasks');
	await expect(handler.locator('main')).not.toContainText(phone);

	// On a wide screen the same list is a table, each row saying what it is.
	await handler.setViewportSize({ width: 1280, height: 900 });
	const row = handler.locator('tr', { has: handler.getByRole('link', { name: orderNo, exact: true }) });
	await expect(row).toContainText('12345 工单');
	await row.getByRole('link', { name: orderNo }).click();
	await expect(handler).toHaveURL(orderUrl);

	const dispatcher = await asUser(browser, 'diaodu');
	await dispatcher.goto(orderUrl);
	await expect(dispatcher.getByTestId('phone').getByRole('link')).toHaveAttribute('href', `tel:${phone}`);

	const leader = await asUser(browser, 'lingdao', PHONE);
	await leader.goto(orderUrl);
	await expect(leader.getByTestId('phone')).toHaveText(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
	await expect(leader.locator('a[href^="tel:"]')).toHaveCount(0);
});

test('a dispatcher’s tasks include the 12345 orders waiting on them', async ({ browser }) => {
	const dispatcher = await asUser(browser, 'diaodu');
	// Demo orders are waiting to be assigned (派单) and for 回访.
	await expect(dispatcher.locator('table tr[data-kind="order"]').first()).toBeVisible();
	await expect(dispatcher.locator('table tr[data-kind="order"]', { hasText: '待派单' }).first()).toBeVisible();
	await expect(dispatcher.locator('table tr[data-kind="case"]').first()).toBeVisible();
	expect(overdueFirst(await badgeLevels(dispatcher, 'table'))).toBe(true);
});

test('我上报的: a grid worker sees the cases they reported, newest first, page by page; a handler has no such tab', async ({
	browser
}) => {
	const worker = await asUser(browser, 'wangge', PHONE);
	await ready(worker);
	const tabs = worker.getByRole('navigation', { name: '我的任务视图' });
	await expect(tabs.getByRole('link', { name: '待办' })).toHaveAttribute('aria-current', 'page');
	await tabs.getByRole('link', { name: '我上报的' }).click();
	await expect(worker).toHaveURL(/\/tasks\?view=reported$/);
	await expect(tabs.getByRole('link', { name: '我上报的' })).toHaveAttribute('aria-current', 'page');
	const total = Number((await worker.getByText(/共上报 \d+ 件/).innerText()).match(/共上报 (\d+) 件/)![1]);
	expect(total).toBeGreaterThan(20);
	const cards = worker.locator('ul.cards > li');
	await expect(cards).toHaveCount(20);
	// Newest first: each card ends with its report time.
	const times = (await cards.locator('.line.muted').allInnerTexts()).map((t) => t.slice(-16));
	expect([...times].sort().reverse()).toEqual(times);

	await worker.getByRole('link', { name: '下一页' }).click();
	await expect(worker).toHaveURL(/view=reported&page=2/);
	await expect(worker.getByText(`第 2 / ${Math.ceil(total / 20)} 页`)).toBeVisible();
	const link = cards.first().getByRole('link');
	const code = (await link.locator('.code').innerText()).trim();
	await link.click();
	await expect(worker.locator('h1')).toContainText(code);
	await expect(worker.locator('main')).toContainText('张网格');

	// Someone who does not report gets their tasks, whatever the address asks for.
	const handler = await asUser(browser, 'lvhua');
	await handler.goto('/tasks?view=reported');
	await expect(handler.getByRole('navigation', { name: '我的任务视图' })).toHaveCount(0);
	await expect(handler.locator('table tr[data-kind="order"]').first()).toBeVisible();
});

test('the report form’s category search finds 乱设摊 from everyday words and pinyin initials', async ({ browser }) => {
	const worker = await asUser(browser, 'wangge', PHONE);
	await worker.goto('/cases/new');
	await ready(worker);
	const search = worker.getByLabel('搜索类别');
	const category = worker.getByLabel('案件类别');
	for (const words of ['摆摊', 'lst', 'lsd', 'LST']) {
		await search.fill(words);
		await expect(category).toHaveValue('SH-JMZX-01');
		await expect(category.locator('option:checked')).toHaveText(/占道无证照经营/);
	}
	await search.fill('小广告');
	await expect(category.locator('option:checked')).toHaveText(/乱涂写、乱张贴、乱刻画/);
	await search.fill('噪音');
	await expect(category.locator('option:checked')).toHaveText(/擅自占用道路堆物、施工/);
	await search.fill('火星');
	await expect(worker.getByText('没有匹配的类别')).toBeVisible();
});
