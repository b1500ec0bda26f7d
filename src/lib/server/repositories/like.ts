import { sql, type Expression, type RawBuilder } from 'kysely';

/** `%`, `_` and the escape character itself match only themselves. */
export const containsPattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

/**
 * `column LIKE '%text%' ESCAPE '\'`: SQLite has no default escape character, so it is named
 * (PostgreSQL accepts the same clause). Plain Kysely `like` would treat the backslashes literally.
 */
export function contains(column: Expression<unknown>, text: string): RawBuilder<boolean> {
	return sql<boolean>`${column} like ${containsPattern(text)} escape '\\'`;
}
