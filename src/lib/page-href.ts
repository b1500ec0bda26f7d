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
