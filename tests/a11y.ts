import { expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
	violations: { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

/** Runs axe-core's WCAG 2.1 A and AA rules (contrast, names that match their labels, …) on the page as it is. */
export async function expectAccessible(page: Page): Promise<void> {
	// Evaluated, not added as a script tag: the page's Content-Security-Policy refuses inline scripts.
	await page.evaluate(axeSource);
	const result = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } }).axe;
		return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
	});
	const found = result.violations.map(
		(v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`
	);
	expect(found, page.url()).toEqual([]);
}

/** The page scrolls up and down only: nothing is wider than the screen. */
export async function expectNoSideScroll(page: Page): Promise<void> {
	const { scrollWidth, innerWidth } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: window.innerWidth
	}));
	expect(scrollWidth, page.url()).toBeLessThanOrEqual(innerWidth);
}
