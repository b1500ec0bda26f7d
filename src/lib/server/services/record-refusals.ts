// The refusals every action on a stored record (a case, a 12345 order, an enforcement case) can meet
// before its own rules are asked: the record is not there, the actor may not act on it, or someone
// changed it since the form was loaded.

export const NOT_FOUND = { ok: false, status: 404, code: 'not_found' } as const;
export const FORBIDDEN = { ok: false, status: 403, code: 'forbidden' } as const;
export const STALE = { ok: false, status: 409, code: 'stale' } as const;

export type RecordRefusal = typeof NOT_FOUND | typeof FORBIDDEN | typeof STALE;
