import { hash } from 'node:crypto';
import { canonicalOrder, type OrderInput } from '$lib/domain/hotline-order-input';

/** SHA-256 of the canonical order: tells "the same order again" from "a changed order" without storing its content twice. */
export function orderFingerprint(order: OrderInput): string {
	return hash('sha256', canonicalOrder(order), 'hex'); // one-shot: half the cost of createHash() per order
}
