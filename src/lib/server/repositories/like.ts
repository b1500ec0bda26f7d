import { sql, type Expression, type RawBuilder } from 'kysely';

/** `%`, `_` and the escape character itself match only themselves. */
export const containsPattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

/**
 * `lower(column) LIKE lower('%text%') ESCAPE '\'`: SQLite has no default escape character, so it is
 * named (PostgreSQL accepts the same clause). Plain Kysely `like` would treat the backslashes literally.
 * Both sides lowered: SQLite's LIKE ignores the case of Latin letters and PostgreSQL's does not, and a
 * search (pinyin, English) must find the same rows on both.
 */
export function contains(column: Expression<unknown>, text: string): RawBuilder<boolean> {
	return sql<boolean>`lower(${column}) like lower(${containsPattern(text)}) escape '\\'`;
}

/** Spaces (ASCII and the full-width U+3000) dropped: addresses are typed both as 古美路 1258 号 and 古美路1258号. */
export const compactSearchText = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

/** Like `contains`, with the spaces of both the column and the text ignored (see compactSearchText). */
export function containsIgnoringSpaces(column: Expression<unknown>, text: string): RawBuilder<boolean> {
	return sql<boolean>`lower(replace(replace(${column}, ' ', ''), ${'\u3000'}, '')) like lower(${containsPattern(compactSearchText(text))}) escape '\\'`;
}
