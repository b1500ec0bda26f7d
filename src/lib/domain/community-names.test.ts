import { describe, expect, it } from 'vitest';
import { checkPlaceName, matchCommunityByAddress, type PlaceName } from './community-names';

// 1 古美一村, 2 古美三村, 3 平吉一村, 4 平吉三村, 5 东兰一居
const NAMES: PlaceName[] = [
	{ name: '古美一村', kind: 'estate', communityId: 1 },
	{ name: '古美三村', kind: 'estate', communityId: 2 },
	{ name: '平吉一村', kind: 'estate', communityId: 3 },
	{ name: '平吉三村', kind: 'estate', communityId: 4 },
	{ name: '古美路', kind: 'road', communityId: 1 },
	{ name: '古美西路', kind: 'road', communityId: 2 },
	{ name: '平吉路', kind: 'road', communityId: 3 },
	{ name: '东兰路', kind: 'road', communityId: 5 },
	{ name: '虹梅路', kind: 'road', communityId: 2 },
	{ name: '莲花路', kind: 'road', communityId: 4 }
];

describe('matchCommunityByAddress', () => {
	it.each([
		['an estate named', '闵行区古美一村 12 号 302 室', { ok: true, communityId: 1, name: '古美一村' }],
		['an estate beats a road', '平吉路 85 弄古美三村 5 号', { ok: true, communityId: 2, name: '古美三村' }],
		['the longest road wins', '古美西路 300 号', { ok: true, communityId: 2, name: '古美西路' }],
		['a road alone', '东兰路近平南路口', { ok: true, communityId: 5, name: '东兰路' }],
		['full-width digits and spaces do not matter', '古 美 一 村１２号', { ok: true, communityId: 1, name: '古美一村' }],
		['nothing known', '莘庄镇某小区', { ok: false, reason: 'no_match', names: [] }],
		[
			'two estates of different 居民区, as long',
			'古美一村与平吉三村之间',
			{ ok: false, reason: 'ambiguous', names: ['古美一村', '平吉三村'] }
		],
		[
			'two roads of different 居民区, as long',
			'虹梅路莲花路口',
			{ ok: false, reason: 'ambiguous', names: ['虹梅路', '莲花路'] }
		],
		[
			'a name inside a longer match does not count alone',
			'古美路街道办事处',
			{ ok: true, communityId: 1, name: '古美路' }
		],
		['two names of the same 居民区 agree', '古美路 1258 号古美一村', { ok: true, communityId: 1, name: '古美一村' }]
	] as const)('%s', (_what, address, expected) => {
		expect(matchCommunityByAddress(address, NAMES)).toEqual(expected);
	});

	it('no names known: no match', () => {
		expect(matchCommunityByAddress('古美一村', [])).toEqual({ ok: false, reason: 'no_match', names: [] });
	});
});

describe('checkPlaceName', () => {
	const ids = new Set([1, 2]);
	it.each([
		[
			{ name: ' 古美 西路 ', kind: 'road', communityId: 2 },
			{ ok: true, value: { name: '古美西路', kind: 'road', communityId: 2 } }
		],
		[
			{ name: '', kind: 'road', communityId: 2 },
			{ ok: false, field: 'name', code: 'required' }
		],
		[
			{ name: '路', kind: 'road', communityId: 2 },
			{ ok: false, field: 'name', code: 'invalid' }
		],
		[
			{ name: '长'.repeat(31), kind: 'road', communityId: 2 },
			{ ok: false, field: 'name', code: 'too_long' }
		],
		[
			{ name: '古美西路', kind: 'street', communityId: 2 },
			{ ok: false, field: 'kind', code: 'invalid' }
		],
		[
			{ name: '古美西路', kind: 'road', communityId: 9 },
			{ ok: false, field: 'communityId', code: 'unknown_community' }
		]
	] as const)('%o', (input, expected) => {
		expect(checkPlaceName(input, ids)).toEqual(expected);
	});
});
