import { orderTemplate } from '$lib/server/services/hotline/import-template';
import { tableDownload } from '$lib/server/file-response';
import type { RequestHandler } from './$types';
import { requireCan } from '$lib/server/auth/gate';

/** The import template, CSV or XLSX: the columns the import reads (required ones marked '*') and one example row. */
export const GET: RequestHandler = async (event) => {
	requireCan(event, 'hotline.import');
	const format = event.url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	return tableDownload(format, `12345-import-template.${format}`, { ...orderTemplate(), sheetName: '工单' });
};
