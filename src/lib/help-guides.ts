// The short guide of each role: its pages (with what each is for), the steps of its work with their
// deadlines (from case-stages.ts, hotline-stages.ts, enforcement-clocks.ts), and the rates it is measured by. Words are messages.
import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/domain/access';
import { SHOWN_RATES } from '$lib/domain/rates';

type Msg = (inputs?: Record<string, never>, options?: { locale?: 'zh' | 'en' }) => string;

export interface HelpPage {
	href: string;
	name: Msg;
	what: Msg;
}

export interface Guide {
	intro: Msg;
	pages: HelpPage[];
	steps: Msg[];
	/** Rate keys as the statistics name them. */
	rates: readonly string[];
}

const P = {
	tasks: { href: '/tasks', name: m.nav_tasks, what: m.help_page_tasks },
	cases: { href: '/cases', name: m.nav_cases, what: m.help_page_cases },
	report: { href: '/cases/new', name: m.nav_report, what: m.help_page_report },
	map: { href: '/map', name: m.nav_map, what: m.help_page_map },
	hotline: { href: '/hotline', name: m.nav_hotline, what: m.help_page_hotline },
	hotlineDispatch: { href: '/hotline', name: m.nav_hotline, what: m.help_page_hotline_dispatch },
	board: { href: '/board', name: m.board_title, what: m.help_page_board },
	stats: { href: '/stats', name: m.stats_nav, what: m.help_page_stats },
	report_monthly: { href: '/stats-report', name: m.stats_report_link, what: m.help_page_stats_report },
	alerts: { href: '/alerts', name: m.nav_alerts, what: m.help_page_alerts },
	enforcement: { href: '/enforcement', name: m.nav_enforcement, what: m.help_page_enforcement },
	shops: { href: '/shops', name: m.nav_shops, what: m.help_page_shops },
	admin: { href: '/admin', name: m.admin_title, what: m.help_page_admin }
} satisfies Record<string, HelpPage>;

export const GUIDES: Record<Role, Guide> = {
	grid_worker: {
		intro: m.help_intro_grid_worker,
		pages: [P.tasks, P.report, P.cases, P.map],
		steps: [m.help_step_grid_worker_1, m.help_step_grid_worker_2, m.help_step_grid_worker_3, m.help_step_grid_worker_4],
		rates: ['grid_on_time', 'grid_efficient', 'rework']
	},
	handler: {
		intro: m.help_intro_handler,
		pages: [P.tasks, P.cases, P.hotline, P.map],
		steps: [
			m.help_step_handler_1,
			m.help_step_handler_2,
			m.help_step_handler_3,
			m.help_step_handler_4,
			m.help_step_handler_5,
			m.help_step_handler_6
		],
		rates: ['grid_on_time', 'grid_efficient', 'first_contact', 'hotline_on_time', 'return', 'extension']
	},
	dispatcher: {
		intro: m.help_intro_dispatcher,
		pages: [P.tasks, P.cases, P.hotlineDispatch, P.board, P.stats, P.map],
		steps: [
			m.help_step_dispatcher_1,
			m.help_step_dispatcher_2,
			m.help_step_dispatcher_3,
			m.help_step_dispatcher_4,
			m.help_step_dispatcher_5,
			m.help_step_dispatcher_6
		],
		rates: SHOWN_RATES
	},
	leader: {
		intro: m.help_intro_leader,
		pages: [P.board, P.stats, P.report_monthly, P.cases, P.hotline, P.map],
		steps: [m.help_step_leader_1, m.help_step_leader_2, m.help_step_leader_3, m.help_step_leader_4],
		rates: SHOWN_RATES
	},
	enforcer: {
		intro: m.help_intro_enforcer,
		pages: [P.alerts, P.enforcement, P.shops, P.map],
		steps: [
			m.help_step_enforcer_1,
			m.help_step_enforcer_2,
			m.help_step_enforcer_3,
			m.help_step_enforcer_4,
			m.help_step_enforcer_5
		],
		rates: []
	},
	admin: {
		intro: m.help_intro_admin,
		pages: [P.admin, P.stats, P.cases, P.map],
		steps: [m.help_step_admin_1, m.help_step_admin_2, m.help_step_admin_3, m.help_step_admin_4, m.help_step_admin_5],
		rates: SHOWN_RATES
	}
};

/** The page of the guide the user came from: the longest href that `from` is or starts a path under. */
export function currentHelpPage(pages: HelpPage[], from: string | null): string | null {
	if (!from) return null;
	const hits = pages.filter((p) => from === p.href || from.startsWith(`${p.href}/`) || from.startsWith(`${p.href}?`));
	return hits.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}
