import { onMount } from 'svelte';

/** The server's `now` first (so SSR and hydration agree), then a ticking clock in the browser. */
export function useNow(initial: () => number) {
	let offset = $state(0);
	onMount(() => {
		const started = Date.now();
		const timer = setInterval(() => (offset = Date.now() - started), 30_000);
		return () => clearInterval(timer);
	});
	return {
		get now() {
			return initial() + offset;
		}
	};
}
