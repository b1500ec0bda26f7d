// Display text for the shop pages: the registry's own error codes first, then the shared ones.
import { m } from '$lib/paraglide/messages';
import { errorLabel } from '$lib/labels';

type Msg = () => string;
const message = (key: string): Msg | undefined => (m as unknown as Record<string, Msg | undefined>)[key];

/** 'duplicate', 'invalid_credit_code', 'stale' are the registry's; 'required', 'outside_subdistrict', … are shared. */
export const shopErrorLabel = (code: string): string => message(`shop_err_${code}`)?.() ?? errorLabel(code);

/** An enforcement case's status in words, when the enforcement pages have named it; else the code. */
export const enforcementStatusLabel = (status: string): string =>
	(message(`enf_status_${status}`) ?? message(`enforcement_status_${status}`))?.() ?? status;
