import type { ParamMatcher } from '@sveltejs/kit';

/** The two printable documents of an enforcement case: 违法行为告知书 and 处罚决定书. */
export const match: ParamMatcher = (param) => param === 'notice' || param === 'decision';
