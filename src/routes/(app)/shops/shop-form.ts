// The HTTP edge of the shop registry: permission guards and the form ↔ input mapping shared by the
// new and detail pages.
import type { ShopInput } from '$lib/domain/shop-input';
import { num, refill, text } from '$lib/server/form';

/** What the form fields hold, as text: the same shape re-fills the form after a rejected post. */
export interface ShopFormValues {
	signName: string;
	creditCode: string;
	ownerName: string;
	phone: string;
	address: string;
	lng: string;
	lat: string;
}

export function readShopForm(form: FormData): { input: ShopInput; values: ShopFormValues } {
	const input: ShopInput = {
		signName: text(form, 'signName'),
		creditCode: text(form, 'creditCode'),
		ownerName: text(form, 'ownerName'),
		phone: text(form, 'phone'),
		address: text(form, 'address'),
		lng: num(form, 'lng'),
		lat: num(form, 'lat')
	};
	const values: ShopFormValues = {
		signName: refill(input.signName, 200),
		creditCode: refill(input.creditCode, 40),
		ownerName: refill(input.ownerName, 100),
		phone: refill(input.phone, 40),
		address: refill(input.address, 400),
		lng: refill(text(form, 'lng'), 40),
		lat: refill(text(form, 'lat'), 40)
	};
	return { input, values };
}
