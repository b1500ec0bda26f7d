import { ORDER_COLUMNS, TEMPLATE_EXAMPLE } from '$lib/domain/hotline-order-columns';

/**
 * The import template from the one column definition the import reads (ORDER_COLUMNS): every column
 * under the header GridCase writes, required ones marked with '*' (which the import accepts), and
 * one example row. A file saved from it imports as it is.
 */
export function orderTemplate(): { headers: string[]; rows: string[][] } {
	return {
		headers: ORDER_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)),
		rows: [ORDER_COLUMNS.map((c) => TEMPLATE_EXAMPLE[c.key])]
	};
}
