import { PassThrough, Readable } from 'node:stream';
import { orderTemplate } from '$lib/server/services/hotline/import-template';
import { writeCsv, writeXlsx } from '$lib/server/import/export';
import type { RequestHandler } from './$types';
import { requireCan } from '$lib/server/auth/gate';

/** The import template, CSV or XLSX: the columns the import reads (required ones marked '*') and one example row. */
export const GET: RequestHandler = async (event) => {
	requireCan(event, 'hotline.import');
	const format = event.url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	const { headers, rows } = orderTemplate();
	const out = new PassThrough();
	const writing =
		format === 'xlsx'
			? writeXlsx(rows, headers, out, { sheetName: '工单' })
			: writeCsv(rows, headers, out, { bom: true });
	writing.catch((e) => out.destroy(e));
	return new Response(Readable.toWeb(out) as ReadableStream, {
		headers: {
			'Content-Type':
				format === 'xlsx'
					? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
					: 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="12345-import-template.${format}"`,
			'Cache-Control': 'no-store'
		}
	});
};
