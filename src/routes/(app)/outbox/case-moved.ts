// What a held 核查 says about its case, which moved on while the phone was offline.
import { m } from '$lib/paraglide/messages';
import { statusLabel } from '$lib/labels';

export function caseMovedText(current: { code: string; status: string }): string {
	// Back at 待核查 means a new 处置反馈 came meanwhile: its status alone would read as unchanged.
	if (current.status === 'feedback') return m.ob_case_new_feedback({ code: current.code });
	return m.ob_case_moved({ code: current.code, status: statusLabel(current.status) });
}
