import { expect, type Browser, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'gridcase-demo';
export const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

/** Waits until the page is hydrated, so typed text is not reset by hydration in a slow run. */
export async function ready(page: Page): Promise<void> {
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

export async function login(page: Page, username: string): Promise<void> {
	await page.goto('/login');
	await ready(page);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	// Everyone lands on their desk: 我的任务, or the enforcement list for an officer.
	await expect(page).toHaveURL(/\/(tasks|enforcement)$/);
}

/** A fresh browser context per user, as four people on four devices. */
export async function asUser(
	browser: Browser,
	username: string,
	viewport = { width: 1280, height: 900 }
): Promise<Page> {
	const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const page = await context.newPage();
	await login(page, username);
	return page;
}

/** Fills and submits the form of one action on the case page. */
export async function act(page: Page, action: string, fill: (form: Locator) => Promise<unknown> = async () => {}) {
	await ready(page);
	const form = page.locator(`form[data-action="${action}"]`);
	await fill(form);
	await form.locator('button[type=submit]').click();
	await expect(page).toHaveURL(new RegExp(`done=${action}`));
}

export async function expectStatus(page: Page, label: string) {
	await expect(page.locator('h1 .status')).toHaveText(label);
}
