/** Whether a value is one of a fixed list of strings (the `as const` lists of statuses, verbs, reasons). */
export const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
	typeof v === 'string' && (list as readonly string[]).includes(v);
