import { describe, expect, it } from 'vitest';
import type { Limit } from './deadlines';
import { efficientLimitOf } from './efficient-limit';
import { categoriesData } from './fixtures/categories';

const L = (value: number, unit: Limit['unit']): Limit => ({ value, unit });

describe('efficientLimitOf', () => {
	it.each<[string, Limit | null, Limit | null, Limit | null]>([
		['the category’s own efficient limit wins', L(5, 'wd'), L(3, 'wh'), L(3, 'wh')],
		['own limit in another unit is kept as is', L(1, 'wd'), L(2, 'h24'), L(2, 'h24')],
		['wh: half, same unit', L(4, 'wh'), null, L(2, 'wh')],
		['wh: half may be fractional', L(1, 'wh'), null, L(0.5, 'wh')],
		['wh: odd value', L(3, 'wh'), null, L(1.5, 'wh')],
		['h24: half, same unit', L(2, 'h24'), null, L(1, 'h24')],
		['h24: odd value', L(5, 'h24'), null, L(2.5, 'h24')],
		['wd: 2 → 1 wd', L(2, 'wd'), null, L(1, 'wd')],
		['wd: 3 → floor 1 wd', L(3, 'wd'), null, L(1, 'wd')],
		['wd: 5 → floor 2 wd', L(5, 'wd'), null, L(2, 'wd')],
		['wd: 10 → 5 wd', L(10, 'wd'), null, L(5, 'wd')],
		['wd: 1 → 4 working hours', L(1, 'wd'), null, L(4, 'wh')],
		['wd: 0 → 0 wd', L(0, 'wd'), null, L(0, 'wd')],
		['no handling limit → none', null, null, null],
		['no handling limit → none, even with an efficient limit', null, L(2, 'wh'), null]
	])('%s', (_label, handle, efficient, expected) => {
		expect(efficientLimitOf(handle, efficient)).toEqual(expected);
	});

	it('the default agrees with every efficient limit given in categories.json', () => {
		const withBoth = categoriesData.categories.filter(
			(c) => 'handleLimit' in c && c.handleLimit && 'efficientLimit' in c && c.efficientLimit
		) as { code: string; handleLimit: Limit; efficientLimit: Limit }[];
		expect(withBoth.length).toBeGreaterThan(10);
		for (const c of withBoth) expect(efficientLimitOf(c.handleLimit, null), c.code).toEqual(c.efficientLimit);
	});
});
