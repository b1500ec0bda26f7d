// Category search for the report form: everyday words and pinyin initials find the official 小类
// name. Pure TS, no I/O.

export interface SearchableCategory {
	code: string;
	major: string;
	minor: string;
	variant?: string | null;
	aliases: string[];
}

/** '架空线坠落、乱设' + '坠落' → '架空线坠落、乱设（坠落）'. */
export function categoryLabel(c: { minor: string; variant?: string | null }): string {
	return c.variant ? `${c.minor}（${c.variant}）` : c.minor;
}

/** NFKC (full-width → half-width), lower-case latin, drop all whitespace. */
function normalize(s: string): string {
	return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

// Match tiers, best first.
const EXACT = 0;
const PREFIX = 1;
const SUBSTRING = 2;
const ALL_CHARS = 3; // every query character occurs in the field, in any order
const CONTAINS_FIELD = 4; // the query contains the whole field: '井盖坏了' ⊇ '井盖'
const SHARED_PAIR = 5; // query and field share at least two consecutive characters: '井盖坏了' ~ '雨水井盖'

interface Field {
	text: string;
	/** 0 = minor/alias/label, 1 = variant, 2 = major, 3 = code; lower ranks first inside a tier. */
	weight: number;
	/**
	 * prose (minor, alias, variant, major) gets every tier; label skips 4–5; code only 0–2;
	 * initials (an alias of latin letters only, such as 'lst' for 乱设摊) only 0–1: a phone keyboard
	 * types the first letters from the start, and 'st' turning up 'lst' would be noise.
	 */
	kind: 'prose' | 'label' | 'code' | 'initials';
}

/** An alias of latin letters only is pinyin initials, matched from its start. */
const isInitials = (normalized: string) => /^[a-z]+$/.test(normalized);

function fieldsOf(c: SearchableCategory): Field[] {
	const fields: Field[] = [
		{ text: c.minor, weight: 0, kind: 'prose' },
		{ text: categoryLabel(c), weight: 0, kind: 'label' },
		...c.aliases.map((a) => ({
			text: a,
			weight: 0,
			kind: isInitials(normalize(a)) ? ('initials' as const) : ('prose' as const)
		})),
		{ text: c.major, weight: 2, kind: 'prose' },
		{ text: c.code, weight: 3, kind: 'code' }
	];
	if (c.variant) fields.push({ text: c.variant, weight: 1, kind: 'prose' });
	return fields.map((f) => ({ ...f, text: normalize(f.text) })).filter((f) => f.text.length > 0);
}

function longestCommonSubstring(a: string, b: string): number {
	const A = Array.from(a);
	const B = Array.from(b);
	let best = 0;
	let prev = new Array<number>(B.length + 1).fill(0);
	for (let i = 1; i <= A.length; i++) {
		const cur = new Array<number>(B.length + 1).fill(0);
		for (let j = 1; j <= B.length; j++) {
			if (A[i - 1] === B[j - 1]) {
				cur[j] = prev[j - 1] + 1;
				if (cur[j] > best) best = cur[j];
			}
		}
		prev = cur;
	}
	return best;
}

/** Sort key [tier, closeness, field weight, field length]; lower is better. null = no match. */
type Key = [number, number, number, number];

function matchField(q: string, qChars: string[], f: Field): Key | null {
	const t = f.text;
	const len = Array.from(t).length;
	if (t === q) return [EXACT, 0, f.weight, len];
	if (t.startsWith(q)) return [PREFIX, 0, f.weight, len];
	if (f.kind === 'initials') return null;
	if (t.includes(q)) return [SUBSTRING, 0, f.weight, len];
	if (f.kind === 'code') return null;
	if (qChars.every((ch) => t.includes(ch))) return [ALL_CHARS, 0, f.weight, len];
	if (f.kind !== 'prose') return null;
	// Longer fields found inside the query are the more specific match.
	if (len >= 2 && q.includes(t)) return [CONTAINS_FIELD, -len, f.weight, len];
	const common = longestCommonSubstring(q, t);
	if (common >= 2) return [SHARED_PAIR, -common, f.weight, len];
	return null;
}

function compareKeys(a: Key, b: Key): number {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
	return 0;
}

/**
 * Ranked search over minor, variant, major, aliases and code (pinyin-initial aliases by prefix,
 * case-insensitively): exact alias/minor match first, then
 * prefix, then substring, then all-characters-present, then sentence-style matches ('井盖坏了').
 * Ties keep the input order. Empty query → [].
 */
export function searchCategories<T extends SearchableCategory>(query: string, categories: T[], limit = 10): T[] {
	const q = normalize(query ?? '');
	if (q.length === 0 || limit <= 0) return [];
	const qChars = Array.from(new Set(Array.from(q)));
	const scored: { item: T; key: Key; index: number }[] = [];
	categories.forEach((item, index) => {
		let best: Key | null = null;
		for (const f of fieldsOf(item)) {
			const k = matchField(q, qChars, f);
			if (k && (!best || compareKeys(k, best) < 0)) best = k;
		}
		if (best) scored.push({ item, key: best, index });
	});
	scored.sort((a, b) => compareKeys(a.key, b.key) || a.index - b.index);
	return scored.slice(0, limit).map((s) => s.item);
}
