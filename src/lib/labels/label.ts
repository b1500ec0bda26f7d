// Display names for domain codes, in the reader's language (Paraglide messages).
// Each family is an explicit table of message functions, so a page's bundle holds the messages it
// can show, not every message of the app (a lookup by a built key would keep them all).

export type Msg = () => string;
export const label = (table: Record<string, Msg>, code: string, fallback = code): string =>
	Object.hasOwn(table, code) ? table[code]() : fallback;
