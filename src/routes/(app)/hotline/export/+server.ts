import { ORDER_LEADING_HEADERS } from '$lib/domain/hotline-order-columns';
import { shanghaiDate } from '$lib/domain/working-days';
import { getDb } from '$lib/server/db';
import { spreadsheetResponse } from '$lib/server/import/export';
import { parseOrderFilters } from '$lib/server/order-filters';
import { exportOrderRows } from '$lib/server/services/hotline/order-list';
import type { RequestHandler } from './$types';
import { requireCan } from '$lib/server/auth/gate';

const HEADERS = [...ORDER_LEADING_HEADERS, '状态', '承办部门', '居民区', '办结时限', '先行联系时间', '首次答复时间'];

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
	return spreadsheetResponse(format, rows, HEADERS, `12345-orders-${shanghaiDate(Date.now())}`);
};
