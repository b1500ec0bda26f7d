import { PassThrough, Readable } from 'node:stream';
import { shanghaiDate } from '$lib/domain/working-days';
import { getDb } from '$lib/server/db';
import { writeCsv, writeXlsx } from '$lib/server/import/export';
import { parseOrderFilters } from '$lib/server/order-filters';
import { exportOrderRows } from '$lib/server/services/hotline/order-list';
import type { RequestHandler } from './$types';
import { requireCan } from '$lib/server/auth/gate';

const HEADERS = [
	'工单号',
	'来源渠道',
	'诉求类型',
	'紧急程度',
	'诉求人',
	'联系电话',
	'地址',
	'诉求内容',
	'派单时间',
	'状态',
	'承办部门',
	'居民区',
	'办结时限',
	'先行联系时间',
	'首次答复时间'
];

/**
 * The order list as CSV or XLSX, every cell neutralised against spreadsheet formula injection, the
 * file named by the centre's date (Asia/Shanghai), not the server's UTC one.
 */
export const GET: RequestHandler = async (event) => {
	const actor = requireCan(event, 'hotline.export');
	const params = event.url.searchParams;
	const format = params.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	const { page: _page, ...filters } = parseOrderFilters(params);
	const rows = exportOrderRows(getDb(), actor, filters, Date.now());
	const out = new PassThrough();
	const writing = format === 'xlsx' ? writeXlsx(rows, HEADERS, out) : writeCsv(rows, HEADERS, out, { bom: true });
	writing.catch((e) => out.destroy(e));
	const name = `12345-orders-${shanghaiDate(Date.now())}.${format}`;
	return new Response(Readable.toWeb(out) as ReadableStream, {
		headers: {
			'Content-Type':
				format === 'xlsx'
					? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
					: 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${name}"`,
			'Cache-Control': 'no-store'
		}
	});
};
