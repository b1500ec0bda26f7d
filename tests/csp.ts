import { test as base, expect, type BrowserContext } from '@playwright/test';

// Every browser test fails if any page it opens logs a Content-Security-Policy violation (issue 14
// §2): a script, style, image or frame the policy refused means a page broke under it. Import
// `test` from here instead of '@playwright/test'; it watches the default context and every context
// the test opens itself (asUser, browser.newContext, browser.newPage).
export { expect };

const VIOLATION = /Content Security Policy/i;

export const test = base.extend<{ cspWatch: void }>({
	cspWatch: [
		async ({ browser, context }, use) => {
			const violations: string[] = [];
			const watch = (c: BrowserContext) =>
				c.on('console', (msg) => VIOLATION.test(msg.text()) && violations.push(`${msg.location().url}: ${msg.text()}`));
			watch(context);
			const newContext = browser.newContext.bind(browser);
			browser.newContext = async (options) => {
				const created = await newContext(options);
				watch(created);
				return created;
			};
			try {
				await use();
			} finally {
				browser.newContext = newContext;
			}
			expect(violations, 'pages logged Content-Security-Policy violations').toEqual([]);
		},
		{ auto: true }
	]
});
