import { describe, expect, it } from 'vitest';
import { asBusy, noteBusy, RETRY_AFTER_S } from './busy-answer';

const sqliteBusy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
const event = (path: string) => ({ url: new URL(`http://localhost${path}`), locals: {} });
const failed = (body: string, type: string) =>
	new Response(body, { status: 500, headers: { 'content-type': type, 'x-content-type-options': 'nosniff' } });

describe('a request that met a busy database', () => {
	it('a page answers 503 with Retry-After, its page and headers kept', async () => {
		const e = event('/cases/1');
		expect(noteBusy(e, sqliteBusy)).toBe(true);
		const r = asBusy(e, failed('<p>数据库正忙</p>', 'text/html'));
		expect(r.status).toBe(503);
		expect(r.headers.get('retry-after')).toBe(String(RETRY_AFTER_S));
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(await r.text()).toBe('<p>数据库正忙</p>');
	});

	it('an API call answers 503 in the API’s own shape; PostgreSQL’s conflicts count too', async () => {
		const e = event('/api/v1/hotline/orders');
		expect(noteBusy(e, Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(true);
		const r = asBusy(e, failed('{"message":"Internal Error"}', 'application/json'));
		expect(r.status).toBe(503);
		expect((await r.json()).error.code).toBe('busy');
	});

	it('any other failure is left as it was', () => {
		const e = event('/cases/1');
		expect(noteBusy(e, new Error('something else'))).toBe(false);
		const original = failed('oops', 'text/plain');
		expect(asBusy(e, original)).toBe(original);
	});
});
