// The map's popups as small HTML snippets (Leaflet takes HTML): every text from data is escaped.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export interface Link {
	href: string;
	text: string;
}

export function popupHtml(title: string, lines: string[], links: Link[]): string {
	const body = lines.map((l) => `<div>${esc(l)}</div>`).join('');
	const anchors = links.map((l) => `<a href="${esc(l.href)}">${esc(l.text)}</a>`).join(' · ');
	return `<div class="gc-popup"><strong>${esc(title)}</strong>${body}${anchors ? `<div class="gc-links">${anchors}</div>` : ''}</div>`;
}
