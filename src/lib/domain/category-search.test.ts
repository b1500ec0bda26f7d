import { describe, expect, it } from 'vitest';
import { categoryLabel, searchCategories, type SearchableCategory } from './category-search';
import { categoriesData } from './fixtures/categories';

const categories: SearchableCategory[] = categoriesData.categories;
const codes = (q: string, limit?: number) => searchCategories(q, categories, limit).map((c) => c.code);

describe('searchCategories', () => {
	it('乱设摊 finds 占道无证照经营 first', () => {
		expect(codes('乱设摊')[0]).toBe('SH-JMZX-01');
	});

	it('违停 → 机动车乱停放、非机动车乱停放', () => {
		expect(codes('违停')[0]).toBe('SH-JMZX-04');
	});

	it('小广告 → 乱涂写、乱张贴、乱刻画', () => {
		expect(codes('小广告')[0]).toBe('SH-HWSR-03');
	});

	it('井盖 → both 井盖 categories, exact minor first', () => {
		const r = codes('井盖');
		expect(r.slice(0, 2)).toEqual(['SH-GYSS-01', 'SH-GYSS-02']);
	});

	it('井盖坏了 (a sentence) → the 井盖 categories', () => {
		const r = codes('井盖坏了');
		expect(r.slice(0, 2)).toEqual(['SH-GYSS-01', 'SH-GYSS-02']);
	});

	it('empty or blank query → []', () => {
		expect(searchCategories('', categories)).toEqual([]);
		expect(searchCategories('   \t ', categories)).toEqual([]);
	});

	it('nonsense → []', () => {
		expect(codes('量子计算机')).toEqual([]);
		expect(codes('qwertyuiop')).toEqual([]);
		expect(codes('火星人')).toEqual([]);
	});

	it('trims whitespace', () => {
		expect(codes('  违停  ')[0]).toBe('SH-JMZX-04');
	});

	it('matches codes case-insensitively, including full-width latin', () => {
		expect(codes('sh-jmzx-01')[0]).toBe('SH-JMZX-01');
		expect(codes('SH-JMZX-01')[0]).toBe('SH-JMZX-01');
		expect(codes('ＳＨ－ＪＭＺＸ－０１')[0]).toBe('SH-JMZX-01');
		expect(codes('jmzx')).toEqual(['SH-JMZX-01', 'SH-JMZX-02', 'SH-JMZX-03', 'SH-JMZX-04', 'SH-JMZX-05']);
	});

	it('matches variant and the full label', () => {
		expect(codes('坠落')[0]).toBe('SH-SSGL-01');
		expect(codes('架空线坠落、乱设（乱设）')[0]).toBe('SH-SSGL-02');
		expect(codes('架空线坠落、乱设(乱设)')[0]).toBe('SH-SSGL-02');
		expect(codes('架空线').slice(0, 2).sort()).toEqual(['SH-SSGL-01', 'SH-SSGL-02']);
	});

	it('matches the major category', () => {
		const r = codes('街面秩序');
		expect(r).toHaveLength(5);
		expect(r.every((c) => c.startsWith('SH-JMZX-'))).toBe(true);
	});

	it('ranks exact before prefix before substring before all-characters-present', () => {
		const cats: SearchableCategory[] = [
			{ code: 'X-4', major: 'M', minor: '停车乱', aliases: [] },
			{ code: 'X-3', major: 'M', minor: '机动车乱停', aliases: [] },
			{ code: 'X-2', major: 'M', minor: '乱停放', aliases: [] },
			{ code: 'X-1', major: 'M', minor: '其他', aliases: ['乱停'] }
		];
		expect(searchCategories('乱停', cats).map((c) => c.code)).toEqual(['X-1', 'X-2', 'X-3', 'X-4']);
	});

	it('all characters present in any order', () => {
		expect(codes('停乱车')[0]).toBe('SH-JMZX-04');
	});

	it('respects limit', () => {
		expect(codes('乱', 3)).toHaveLength(3);
		expect(codes('乱', 0)).toEqual([]);
		expect(codes('乱').length).toBeLessThanOrEqual(10);
	});

	it('returns the caller’s objects (generic T preserved)', () => {
		const r = searchCategories('违停', categoriesData.categories);
		expect(r[0]).toBe(categoriesData.categories.find((c) => c.code === 'SH-JMZX-04'));
		expect(r[0].handleLimit).toEqual({ value: 4, unit: 'wh' });
	});

	it('everyday phrases', () => {
		expect(codes('路上有垃圾')[0]).toBe('SH-HWSR-01');
		expect(codes('僵尸车')[0]).toBe('SH-JMZX-05');
		expect(codes('牛皮癣')[0]).toBe('SH-HWSR-03');
	});
});

describe('everyday words and pinyin initials (aliases kept with the categories)', () => {
	it.each([
		['摆摊', 'SH-JMZX-01'], // 占道无证照经营, the 乱设摊 category
		['摆地摊', 'SH-JMZX-01'],
		['路边摊', 'SH-JMZX-01'],
		['小广告', 'SH-HWSR-03'],
		['飞线', 'SH-SSGL-02'],
		['树枝挡灯', 'SH-YLLH-01'],
		['lst', 'SH-JMZX-01'], // 乱设摊 luàn shè tān
		['lsd', 'SH-JMZX-01'], // as field workers type it (乱设地摊)
		['噪音', 'SH-JMZX-03'], // 施工噪音, before 跨门营业's 店外音响噪音
		['LST', 'SH-JMZX-01'],
		['ｌｓｔ', 'SH-JMZX-01'],
		['ls', 'SH-JMZX-01'], // a prefix: the shortest initials first (lst before lshwss)
		['xgg', 'SH-HWSR-03'], // 小广告
		['wt', 'SH-JMZX-04'], // 违停
		['jsc', 'SH-JMZX-05'], // 僵尸车
		['jg', 'SH-GYSS-01'] // 井盖
	])('%s → %s first', (query, code) => {
		expect(codes(query)[0]).toBe(code);
	});

	it.each([
		['火星', 'no category says anything of it'],
		['st', 'initials match from their start only, not inside lst'],
		['tsl', 'initials in another order'],
		['lstx', 'longer than any initials'],
		['zz', 'no initials begin so']
	])('%s finds nothing (%s)', (query) => {
		expect(codes(query)).toEqual([]);
	});

	it('every demo category has everyday aliases and pinyin initials, within the 30 an admin may keep', () => {
		for (const c of categories) {
			const initials = c.aliases.filter((a) => /^[a-z]+$/.test(a));
			expect([c.code, initials.length > 0, c.aliases.length > initials.length, c.aliases.length <= 30]).toEqual([
				c.code,
				true,
				true,
				true
			]);
		}
	});

	it('initials are matched as a prefix only; Chinese aliases keep every tier', () => {
		const cats: SearchableCategory[] = [
			{ code: 'X-1', major: 'M', minor: '甲', aliases: ['abc'] },
			{ code: 'X-2', major: 'M', minor: '乙', aliases: ['xabc', '乱设摊点'] }
		];
		expect(searchCategories('ab', cats).map((c) => c.code)).toEqual(['X-1']);
		expect(searchCategories('设摊', cats).map((c) => c.code)).toEqual(['X-2']);
	});
});

describe('categoryLabel', () => {
	it('appends the variant in full-width brackets', () => {
		expect(categoryLabel({ minor: '架空线坠落、乱设', variant: '坠落' })).toBe('架空线坠落、乱设（坠落）');
	});

	it('minor alone when there is no variant', () => {
		expect(categoryLabel({ minor: '井盖' })).toBe('井盖');
		expect(categoryLabel({ minor: '井盖', variant: null })).toBe('井盖');
		expect(categoryLabel({ minor: '井盖', variant: '' })).toBe('井盖');
	});
});
