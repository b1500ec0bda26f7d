// Display text for the shop pages: the registry's own error codes first, then the shared ones.
import { m } from '$lib/paraglide/messages';
import { enfStatusLabel, errorLabel } from '$lib/labels';
import { label, type Msg } from '$lib/labels/label';

const shopErrors: Record<string, Msg> = {
	invalid_credit_code: m.shop_err_invalid_credit_code,
	duplicate: m.shop_err_duplicate,
	stale: m.shop_err_stale,
	not_found: m.shop_err_not_found
};

/** 'duplicate', 'invalid_credit_code', 'stale' are the registry's; 'required', 'outside_subdistrict', … are shared. */
export const shopErrorLabel = (code: string): string => label(shopErrors, code, errorLabel(code));

/** An enforcement case's status in words; else the code. */
export const enforcementStatusLabel = enfStatusLabel;
