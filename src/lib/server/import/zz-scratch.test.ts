import { it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { readXlsxRows } from './xlsx';
import { orderRow, ORDER_HEADERS, collect, tempDir } from './test-files';
it('big chinese', async () => {
	const tmp = tempDir('zz-');
	const a = tmp.file('a.xlsx'), b = tmp.file('b.xlsx');
	const w = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: a });
	const ws = w.addWorksheet('s'); ws.addRow(ORDER_HEADERS).commit();
	for (let i = 0; i < 3000; i++) ws.addRow(orderRow(i)).commit();
	await w.commit();
	const wb = new ExcelJS.Workbook(); const s2 = wb.addWorksheet('s'); s2.addRow(ORDER_HEADERS);
	for (let i = 0; i < 3000; i++) s2.addRow(orderRow(i));
	await wb.xlsx.writeFile(b);
	for (const p of [a, b]) {
		const rows = await collect(readXlsxRows(p));
		const bad = rows.filter((r) => r.cells.some((c) => c.includes('\ufffd')));
		console.log(p, rows.length, 'bad', bad.length);
	}
	tmp.cleanup();
});
