/**
 * Runs `refresh` every `ms` while the tab is visible, and at once when it becomes visible again:
 * a hidden tab costs the server nothing. Returns the stop function (an onMount cleanup).
 */
export function pollWhileVisible(refresh: () => unknown, ms = 30_000): () => void {
	const visible = () => document.visibilityState === 'visible';
	const timer = setInterval(() => visible() && refresh(), ms);
	const onVisibility = () => visible() && refresh();
	document.addEventListener('visibilitychange', onVisibility);
	return () => {
		clearInterval(timer);
		document.removeEventListener('visibilitychange', onVisibility);
	};
}
