import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test-db';
import { contains } from './like';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	await t.db
		.insertInto('settings')
		.values([
			{ key: 'like.a', value: '50%_off' },
			{ key: 'like.b', value: '5000 off' },
			{ key: 'like.c', value: 'C:\\path' }
		])
		.execute();
});
afterEach(() => t.cleanup());

const keys = async (text: string) =>
	(
		await t.db
			.selectFrom('settings')
			.select('key')
			.where('key', 'like', 'like.%')
			.where((eb) => contains(eb.ref('value'), text))
			.orderBy('key')
			.execute()
	).map((r) => r.key);

it('a search for %, _ or \\ matches only those characters, not any text', async () => {
	expect(await keys('%')).toEqual(['like.a']);
	expect(await keys('_')).toEqual(['like.a']);
	expect(await keys('50%')).toEqual(['like.a']);
	expect(await keys('0%_o')).toEqual(['like.a']);
	expect(await keys('\\')).toEqual(['like.c']);
	expect(await keys('off')).toEqual(['like.a', 'like.b']);
	expect(await keys('OFF')).toEqual(['like.a', 'like.b']); // Latin letters match without case, on both databases
});
