import type { ParamMatcher } from '@sveltejs/kit';

/** A case id: a positive integer, so a bad id is a 404 before any load runs. */
export const match: ParamMatcher = (param) => /^[1-9][0-9]{0,9}$/.test(param);
