import { describe, expect, it } from 'vitest';
import { checkCategory, parseAliases, type CategoryForm } from './category-input';

const form = (over: Partial<CategoryForm>): CategoryForm => ({
	code: 'sh-hwsr-06',
	kind: '事件',
	major: '环卫市容',
	minor: '占道晾晒',
	variant: '',
	aliases: '晾衣服、晒被子\n晾衣服',
	urgency: '一般',
	closeCondition: '',
	track: 'grid',
	departmentId: 2,
	...over
});

describe('checkCategory', () => {
	it('normalises the code, the aliases and the blanks', () => {
		expect(checkCategory(form({}), [1, 2])).toEqual({
			ok: true,
			value: {
				code: 'SH-HWSR-06',
				kind: '事件',
				major: '环卫市容',
				minor: '占道晾晒',
				variant: null,
				aliases: ['晾衣服', '晒被子'],
				urgency: '一般',
				closeCondition: null,
				track: 'grid',
				departmentId: 2
			}
		});
	});
	it('names every wrong field', () => {
		expect(
			checkCategory(
				form({ code: 'HWSR6', kind: '其他', minor: '', urgency: '特急', track: 'fast', departmentId: 9 }),
				[1, 2]
			)
		).toEqual({
			ok: false,
			errors: {
				code: 'category_code_format',
				kind: 'invalid',
				minor: 'required',
				urgency: 'invalid',
				track: 'invalid',
				departmentId: 'invalid'
			}
		});
	});
});

describe('parseAliases', () => {
	it('splits on lines, 、 and commas', () => {
		expect(parseAliases(' 井盖缺失，井盖破损,窨井盖；\n\n下水道盖子 ')).toEqual([
			'井盖缺失',
			'井盖破损',
			'窨井盖',
			'下水道盖子'
		]);
	});
});
