// The map's popups as DOM nodes: every text from data (a 片区 name, a label) is set as text, so
// nothing an admin or an API client typed can become markup in Leaflet.
export interface Link {
	href: string;
	text: string;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	if (text !== undefined) node.textContent = text;
	return node;
}

export function popupNode(title: string, lines: string[], links: Link[]): HTMLElement {
	const root = element('div');
	root.className = 'gc-popup';
	root.append(element('strong', title), ...lines.map((l) => element('div', l)));
	if (links.length) {
		const row = element('div');
		row.className = 'gc-links';
		links.forEach((l, i) => {
			if (i > 0) row.append(' · ');
			const a = element('a', l.text);
			a.href = l.href;
			row.append(a);
		});
		root.append(row);
	}
	return root;
}
