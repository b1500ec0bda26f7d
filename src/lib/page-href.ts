/** The same GET filters, another page: `?status=…&q=…&page=n`. */
export function pageHref(params: URLSearchParams, n: number): string {
	return (
		'?' +
		[...params]
			.filter(([k]) => k !== 'page')
			.concat([['page', String(n)]])
			.map(([k, val]) => `${encodeURIComponent(k)}=${encodeURIComponent(val)}`)
			.join('&')
	);
}

/** How many filters a GET form's URL sets (paging and the `ignored` view choices aside). */
export function countActiveFilters(params: URLSearchParams, ignored: readonly string[] = []): number {
	return new Set([...params].filter(([k, v]) => v !== '' && k !== 'page' && !ignored.includes(k)).map(([k]) => k)).size;
}
