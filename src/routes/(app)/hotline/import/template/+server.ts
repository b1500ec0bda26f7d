import { orderTemplate } from '$lib/server/services/hotline/import-template';
import { spreadsheetResponse } from '$lib/server/import/export';
import type { RequestHandler } from './$types';
import { requireCan } from '$lib/server/auth/gate';

/** The import template, CSV or XLSX: the columns the import reads (required ones marked '*') and one example row. */
export const GET: RequestHandler = async (event) => {
	requireCan(event, 'hotline.import');
	const format = event.url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	const { headers, rows } = orderTemplate();
	return spreadsheetResponse(format, rows, headers, '12345-import-template', { sheetName: '工单' });
};
