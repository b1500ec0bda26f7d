// The ways a page's forms are enhanced, so each form names one instead of writing the callback again.
import type { SubmitFunction } from '@sveltejs/kit';

/** Post without clearing the form: after a refused post the page re-fills it from `form`, after a done one it starts afresh. */
export const keepTyped: SubmitFunction =
	() =>
	({ update }) =>
		update({ reset: false });

/** As `keepTyped`, telling `busy` when the post starts and ends (to disable the submit button meanwhile). */
export const keepTypedWhile =
	(busy: (sending: boolean) => void): SubmitFunction =>
	() => {
		busy(true);
		return async ({ update }) => {
			await update({ reset: false });
			busy(false);
		};
	};
