import { describe, expect, it } from 'vitest';
import { chainStartHasher, GENESIS, rowHash } from './chain-spec';

const receive = {
	at: 1_767_225_600_000,
	actor_id: 7,
	api_key_id: null,
	action: 'receive',
	from_status: null,
	to_status: 'received',
	note: 'a "quoted" 备注, \\ and a lone \uD800 surrogate',
	payload: JSON.stringify({ origin: 'file', importId: 3 })
};

describe('chainStartHasher', () => {
	it('gives the hash rowHash gives the first row of each chain, whatever the key', () => {
		const sealFor = chainStartHasher('hotline_events', receive);
		for (const id of [1, 42, 1_000_000, 9_007_199_254_740_991])
			expect(sealFor(id)).toBe(rowHash('hotline_events', { ...receive, order_id: id, chain_seq: 0 }, GENESIS));
		expect(sealFor(1)).not.toBe(sealFor(2));
	});

	it('ignores a key or place already on the row, and works for every per-record chain', () => {
		const event = { ...receive, case_id: 99, chain_seq: 5 };
		expect(chainStartHasher('case_events', event)(3)).toBe(
			rowHash('case_events', { ...event, case_id: 3, chain_seq: 0 }, GENESIS)
		);
	});

	it('refuses a table with one chain for the whole table', () => {
		expect(() => chainStartHasher('audit_log', { at: 1, actor_id: 1, action: 'x', target: 'y', detail: null })).toThrow(
			/whole table/
		);
	});
});
