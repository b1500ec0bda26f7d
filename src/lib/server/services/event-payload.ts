// An event row as a page shows it: its JSON payload read into an object ({} when there is none).
export const parsePayload = <E extends { payload: string | null }>(e: E) => ({
	...e,
	payload: e.payload ? (JSON.parse(e.payload) as Record<string, unknown>) : {}
});
