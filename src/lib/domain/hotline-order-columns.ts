// The columns of a 12345 order file (CSV/XLSX import and export) and header recognition.

/**
 * Each column's headers, in export order: first the one GridCase writes in exports, then the others accepted on
 * import (Chinese as the city platform exports them, or English).
 */
const HEADERS = {
	orderNo: ['工单号', '工单编号', '工单号码', '编号', 'orderNo', 'order_no', 'order number', 'ticket no'],
	channel: ['来源渠道', '来源', '渠道', '来源方式', 'channel', 'source'],
	orderType: ['诉求类型', '工单类型', '类型', '诉求性质', 'orderType', 'order_type', 'type'],
	urgency: ['紧急程度', '紧急度', '缓急程度', 'urgency', 'priority'],
	citizenName: ['诉求人', '诉求人姓名', '来电人', '联系人', '市民姓名', 'citizenName', 'citizen_name', 'name'],
	phone: ['联系电话', '电话', '手机', '手机号', '来电号码', '联系方式', 'phone', 'mobile', 'tel'],
	address: ['地址', '诉求地址', '事发地址', '事件地址', 'address'],
	lng: ['经度', 'lng', 'lon', 'longitude'],
	lat: ['纬度', 'lat', 'latitude'],
	content: ['诉求内容', '内容', '工单内容', '诉求描述', '问题描述', 'content', 'description'],
	receivedAt: ['派单时间', '派单日期', '下派时间', '接收时间', 'receivedAt', 'received_at', 'dispatched_at'],
	categoryCode: ['类别编码', '类别代码', '分类编码', 'categoryCode', 'category_code', 'category'],
	community: ['居民区', '所属居民区', '居委', '居委会', 'community'],
	// The city's own limit (办理时限: '15个工作日', '24小时') and deadline (截止时间): the order's deadline when given.
	timeLimit: ['办理时限', '处理时限', '办结时限', '承办时限', '时限', 'timeLimit', 'time_limit', 'limit'],
	dueAt: ['截止时间', '办结截止时间', '办理截止时间', '截止日期', '到期时间', '办结期限', 'dueAt', 'due_at', 'deadline']
} as const;

export type OrderColumnKey = keyof typeof HEADERS;

/** A file without one of these columns cannot be imported; the others may be left out. */
const REQUIRED: ReadonlySet<OrderColumnKey> = new Set([
	'orderNo',
	'channel',
	'orderType',
	'address',
	'content',
	'receivedAt'
] as const);

export interface OrderColumn {
	key: OrderColumnKey;
	/** The header GridCase writes in exports. */
	header: string;
	/** Other headers accepted on import. */
	aliases: readonly string[];
	required: boolean;
}

/** In export order. A column whose header is missing from a file is 'required' only if `required`. */
export const ORDER_COLUMNS: readonly OrderColumn[] = (
	Object.entries(HEADERS) as [OrderColumnKey, readonly string[]][]
).map(([key, [header, ...aliases]]) => ({ key, header, aliases, required: REQUIRED.has(key) }));

/** The template's example row, one cell per column in ORDER_COLUMNS order (the import page offers it). */
export const TEMPLATE_EXAMPLE: Readonly<Record<OrderColumnKey, string>> = {
	orderNo: 'SH2026120100001',
	channel: '12345热线',
	orderType: '投诉',
	urgency: '一般',
	citizenName: '张先生',
	phone: '13800138000',
	address: '古美路 1258 号',
	lng: '',
	lat: '',
	content: '沿街商铺油烟扰民',
	receivedAt: '2026-12-01 09:30',
	categoryCode: '',
	community: '',
	timeLimit: '15个工作日',
	dueAt: ''
};

export const ORDER_COLUMN_KEYS: readonly OrderColumnKey[] = ORDER_COLUMNS.map((c) => c.key);

/** The headers an order file leads with, as the city platform writes them: who called, about what, where and when (no coordinates). */
export const ORDER_LEADING_HEADERS: readonly string[] = (
	['orderNo', 'channel', 'orderType', 'urgency', 'citizenName', 'phone', 'address', 'content', 'receivedAt'] as const
).map((key) => ORDER_COLUMNS.find((c) => c.key === key)!.header);

/**
 * One spelling per header: BOM, surrounding space and a trailing '*' stripped; Latin letters compared without case,
 * spaces, '_' or '-' (so 'Order No', 'order_no' and 'orderNo' are one header); full-width forms folded.
 */
export function headerKey(h: string): string {
	// A trailing '*' is how templates mark a required column.
	const t = h
		.replace(/^\uFEFF/, '')
		.normalize('NFKC')
		.trim()
		.replace(/\s*\*+$/, '');
	return /^[\x20-\x7e]+$/.test(t) ? t.toLowerCase().replace(/[\s_-]+/g, '') : t.replace(/\s+/g, '');
}

const LOOKUP: ReadonlyMap<string, OrderColumnKey> = new Map(
	ORDER_COLUMNS.flatMap((c) => [c.header, c.key, ...c.aliases].map((h) => [headerKey(h), c.key] as const))
);

export type HeaderMapping =
	| { ok: true; index: Record<OrderColumnKey, number> }
	| { ok: false; missing: string[]; unknown?: string[]; duplicate?: string[] };

/**
 * Which file column holds each field (-1 for an optional column the file does not have). Unknown
 * headers are ignored when everything required is there, and reported otherwise (they are usually
 * the misspelt required ones). Two columns meaning the same field are refused (GridCase rule):
 * guessing which one holds the data would import the wrong one silently.
 */
export function mapHeaders(headers: string[]): HeaderMapping {
	const index = Object.fromEntries(ORDER_COLUMN_KEYS.map((k) => [k, -1])) as Record<OrderColumnKey, number>;
	const unknown: string[] = [];
	const duplicate: string[] = [];
	headers.forEach((h, i) => {
		const norm = headerKey(h ?? '');
		if (norm === '') return; // trailing empty columns, as spreadsheets save them
		const key = LOOKUP.get(norm);
		if (key === undefined) unknown.push(h.replace(/^\uFEFF/, '').trim());
		else if (index[key] !== -1) duplicate.push(h.replace(/^\uFEFF/, '').trim());
		else index[key] = i;
	});
	const missing = ORDER_COLUMNS.filter((c) => c.required && index[c.key] === -1).map((c) => c.header);
	if (missing.length === 0 && duplicate.length === 0) return { ok: true, index };
	return {
		ok: false,
		missing,
		...(unknown.length ? { unknown } : {}),
		...(duplicate.length ? { duplicate } : {})
	};
}

/** A cell that is one of our column headers (in any accepted spelling). */
export const isKnownHeader = (cell: string) => LOOKUP.has(headerKey(cell ?? ''));

/** How many cells of a row are column headers we know: a title row has none, a header row several. */
export function countKnownHeaders(cells: readonly string[]): number {
	const keys = new Set<OrderColumnKey>();
	for (const c of cells) {
		const key = LOOKUP.get(headerKey(c ?? ''));
		if (key !== undefined) keys.add(key);
	}
	return keys.size;
}

/** A row reads as a header when it names at least three of our columns (a data row names none). */
export const HEADER_LIKE_MIN = 3;
