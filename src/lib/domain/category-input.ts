// What an admin types for a category (its names, aliases, track and default department), checked
// before anything is written. Its limits are checked by category-limits.ts. Pure.
import { URGENCIES } from './case-status';

export const CATEGORY_KINDS = ['部件', '事件'] as const;
/** grid: the grid flow only; enforcement-eligible: may also go down the non-onsite enforcement track. */
export const CATEGORY_TRACKS = ['grid', 'enforcement-eligible'] as const;
const CODE = /^[A-Z]{2}-[A-Z]{2,6}-\d{2,3}$/;
const MAX_ALIASES = 30;

export interface CategoryForm {
	code: string;
	kind: string;
	major: string;
	minor: string;
	variant: string;
	aliases: string;
	urgency: string;
	closeCondition: string;
	track: string;
	departmentId: number | null;
}

export interface CategoryValues {
	code: string;
	kind: string;
	major: string;
	minor: string;
	variant: string | null;
	aliases: string[];
	urgency: string;
	closeCondition: string | null;
	track: string;
	departmentId: number | null;
}

export type CategoryField = keyof CategoryForm;
export type CategoryCheck =
	{ ok: true; value: CategoryValues } | { ok: false; errors: Partial<Record<CategoryField, string>> };

/** Aliases as typed: one per line or separated by 、，, ; blanks and repeats dropped. */
export function parseAliases(text: string): string[] {
	return [
		...new Set(
			text
				.split(/[\n\r、，,;；]+/)
				.map((s) => s.trim())
				.filter(Boolean)
		)
	];
}

function required(v: string, max: number): string | null {
	if (!v) return 'required';
	return v.length > max ? 'too_long' : null;
}

/** `departmentIds`: departments still in service (a retired one cannot become a default). */
export function checkCategory(f: CategoryForm, departmentIds: readonly number[]): CategoryCheck {
	const errors: Partial<Record<CategoryField, string>> = {};
	const code = f.code.trim().toUpperCase();
	if (!code) errors.code = 'required';
	else if (!CODE.test(code)) errors.code = 'category_code_format';
	if (!(CATEGORY_KINDS as readonly string[]).includes(f.kind)) errors.kind = 'invalid';
	const major = f.major.trim();
	const minor = f.minor.trim();
	const variant = f.variant.trim();
	const majorProblem = required(major, 20);
	if (majorProblem) errors.major = majorProblem;
	const minorProblem = required(minor, 30);
	if (minorProblem) errors.minor = minorProblem;
	if (variant.length > 20) errors.variant = 'too_long';
	const aliases = parseAliases(f.aliases);
	if (aliases.length > MAX_ALIASES) errors.aliases = 'too_many';
	else if (aliases.some((a) => a.length > 30)) errors.aliases = 'too_long';
	if (!(URGENCIES as readonly string[]).includes(f.urgency)) errors.urgency = 'invalid';
	const closeCondition = f.closeCondition.trim();
	if (closeCondition.length > 200) errors.closeCondition = 'too_long';
	if (!(CATEGORY_TRACKS as readonly string[]).includes(f.track)) errors.track = 'invalid';
	if (f.departmentId !== null && !departmentIds.includes(f.departmentId)) errors.departmentId = 'invalid';
	if (Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		value: {
			code,
			kind: f.kind,
			major,
			minor,
			variant: variant || null,
			aliases,
			urgency: f.urgency,
			closeCondition: closeCondition || null,
			track: f.track,
			departmentId: f.departmentId
		}
	};
}
