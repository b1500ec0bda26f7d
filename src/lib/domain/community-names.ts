// Which 居民区 an address names: a table of road and 小区 names, each belonging to one 居民区.

export type PlaceNameKind = 'estate' | 'road'; // 小区 / 道路
export const PLACE_NAME_KINDS: readonly PlaceNameKind[] = ['estate', 'road'];

export interface PlaceName {
	name: string;
	kind: PlaceNameKind;
	communityId: number;
}

export type AddressMatch =
	{ ok: true; communityId: number; name: string } | { ok: false; reason: 'no_match' | 'ambiguous'; names: string[] };

/** One spelling for comparing: full-width folded, spaces dropped. */
export const placeKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

// Each table's names as compared, made once per table (an import matches 100,000 addresses against one).
const keyed = new WeakMap<readonly PlaceName[], string[]>();
function keysOf(names: readonly PlaceName[]): string[] {
	let keys = keyed.get(names);
	if (!keys || keys.length !== names.length) keyed.set(names, (keys = names.map((n) => placeKey(n.name))));
	return keys;
}

/**
 * The 居民区 an address names (GridCase rule):
 * - a 小区 named in the address beats a road (a road runs past several 居民区, a 小区 lies in one);
 * - among names of the same kind, the longest wins ('古美西路' over '古美路', '平吉一村' over '平吉');
 * - equally long names of different 居民区 are ambiguous: nobody can tell, so it is left to the dispatcher;
 * - a name contained in a longer matching name does not count on its own ('古美路' inside '古美路街道').
 */
export function matchCommunityByAddress(address: string, names: readonly PlaceName[]): AddressMatch {
	const text = placeKey(address);
	const keys = keysOf(names);
	const hits = names.filter((n, i) => n.name !== '' && text.includes(keys[i]));
	if (hits.length === 0) return { ok: false, reason: 'no_match', names: [] };
	const standalone = hits.filter(
		(h) =>
			!hits.some(
				(o) =>
					o !== h && placeKey(o.name).length > placeKey(h.name).length && placeKey(o.name).includes(placeKey(h.name))
			)
	);
	const estates = standalone.filter((h) => h.kind === 'estate');
	const pool = estates.length > 0 ? estates : standalone;
	const longest = Math.max(...pool.map((h) => placeKey(h.name).length));
	const best = pool.filter((h) => placeKey(h.name).length === longest);
	const communities = new Set(best.map((h) => h.communityId));
	if (communities.size > 1) return { ok: false, reason: 'ambiguous', names: best.map((h) => h.name) };
	return { ok: true, communityId: best[0].communityId, name: best[0].name };
}

export type PlaceNameProblem = 'required' | 'too_long' | 'invalid' | 'unknown_community';

/** A name the admin types: 2–30 characters of text, one of the two kinds, a known 居民区. */
export function checkPlaceName(
	input: { name: string; kind: string; communityId: number },
	communityIds: ReadonlySet<number>
): { ok: true; value: PlaceName } | { ok: false; field: 'name' | 'kind' | 'communityId'; code: PlaceNameProblem } {
	const name = placeKey(input.name);
	if (name === '') return { ok: false, field: 'name', code: 'required' };
	if (Array.from(name).length > 30) return { ok: false, field: 'name', code: 'too_long' };
	// One character ('路', '村') would match nearly every address.
	if (Array.from(name).length < 2 || /[\p{Cc}<>]/u.test(name)) return { ok: false, field: 'name', code: 'invalid' };
	if (!(PLACE_NAME_KINDS as readonly string[]).includes(input.kind))
		return { ok: false, field: 'kind', code: 'invalid' };
	if (!communityIds.has(input.communityId)) return { ok: false, field: 'communityId', code: 'unknown_community' };
	return { ok: true, value: { name, kind: input.kind as PlaceNameKind, communityId: input.communityId } };
}
