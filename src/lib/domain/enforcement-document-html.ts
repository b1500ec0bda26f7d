// The issued document as one self-contained HTML file (Chinese, as served): what the archive keeps
// and hashes beside the content, readable without GridCase. Every value is escaped; evidence is
// named by id and SHA-256 (the images are evidence files of their own, hashed at capture).
import type { IssuedDocumentContent, Run } from './enforcement-document-content';
import { shanghaiDateTime } from './working-days';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The full-width space a Chinese document puts between fields. */
const GAP = '\u3000';

const run = (r: Run) => (r.strong ? `<strong>${escapeHtml(r.text)}</strong>` : escapeHtml(r.text));

export function renderDocumentHtml(c: IssuedDocumentContent): string {
	const p = c.party;
	const party = p
		? [
				`<p>当事人：${escapeHtml(p.name)}</p>`,
				p.creditCode ? `<p>统一社会信用代码：${escapeHtml(p.creditCode)}</p>` : '',
				p.ownerName !== null
					? `<p>负责人：${escapeHtml(p.ownerName)}${GAP}联系电话：${escapeHtml(p.phone ?? '')}</p>`
					: '',
				p.address !== null ? `<p>地址：${escapeHtml(p.address)}</p>` : ''
			].join('')
		: '<p>当事人：（未关联当事人）</p>';
	const evidence = c.evidence
		.map(
			(e) =>
				`<li>${e.kind === 'frame' ? '视频截图' : '现场照片'}${e.cameraId ? `${GAP}摄像头 ${escapeHtml(e.cameraId)}` : ''}${e.capturedAt !== null ? `${GAP}${shanghaiDateTime(e.capturedAt)}` : ''}${GAP}证据编号 ${escapeHtml(e.id)}${GAP}SHA-256：${escapeHtml(e.sha256)}</li>`
		)
		.join('');
	return [
		'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
		`<title>${escapeHtml(c.title)} ${escapeHtml(c.number)}</title></head><body>`,
		`<header><p>${escapeHtml(c.issuer)}</p><h1>${escapeHtml(c.title)}</h1><p>${escapeHtml(c.number)}</p></header>`,
		`<section>${party}</section>`,
		`<section>${c.paragraphs.map((para) => `<p>${para.map(run).join('')}</p>`).join('')}</section>`,
		`<footer><p>${escapeHtml(c.issuer)}（印章）</p><p>${escapeHtml(c.dateText)}</p></footer>`,
		`<section><h2>附件：证据材料（共 ${c.evidence.length} 份）</h2><ol>${evidence}</ol></section>`,
		'</body></html>\n'
	].join('\n');
}
