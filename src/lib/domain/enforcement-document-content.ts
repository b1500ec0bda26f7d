// The 违法行为告知书 and 处罚决定书 as issued: every word served on the party, composed once from the
// case's facts at the moment of issue and then kept (the archive, migration 020). A reprint shows
// this content, never one composed again from today's shop record or settings.
import { appealSentence, type AppealRoutes } from './enforcement-appeal';
import { formatYuan } from './enforcement-money';
import { formatDeadline } from './deadlines';
import { shanghaiDate, shanghaiDateTime } from './working-days';

export type DocumentKind = 'notice' | 'decision';

/** A piece of a paragraph; `mark` names the figure for readers of the page (data-… attribute). */
export interface Run {
	text: string;
	strong?: boolean;
	mark?: 'fine' | 'statement-due' | 'payment-due' | 'appeal';
}
export interface DocumentParty {
	name: string;
	creditCode: string | null;
	ownerName: string | null;
	phone: string | null;
	address: string | null;
}
export interface DocumentEvidence {
	id: string;
	kind: 'frame' | 'photo';
	cameraId: string | null;
	capturedAt: number | null;
	sha256: string;
}
export interface IssuedDocumentContent {
	/** Version of this shape. */
	v: 1;
	kind: DocumentKind;
	number: string;
	issuer: string;
	title: string;
	issuedAt: number;
	/** 2026年12月6日: the date under the seal. */
	dateText: string;
	party: DocumentParty | null;
	/** The legal text, in Chinese as served. */
	paragraphs: Run[][];
	/** 行政处罚法 §59: named in a 决定书, null in a 告知书. */
	appeal: AppealRoutes | null;
	evidence: DocumentEvidence[];
}

export interface DocumentFacts {
	kind: DocumentKind;
	number: string;
	issuer: string;
	issuedAt: number;
	party: DocumentParty | null;
	/** When the conduct was seen: the alert's capture, else the case's opening. */
	seenAt: number;
	address: string;
	place: { area: string; community: string };
	violation: string;
	violated: string | null;
	penaltyBasis: string | null;
	proposedFine: number | null;
	statementDueAt: number | null;
	notice: { number: string; at: number } | null;
	/** The party's 陈述申辩, as recorded; null when none was made. */
	statement: string | null;
	fine: number | null;
	paymentDueAt: number | null;
	appeal: AppealRoutes;
	evidence: DocumentEvidence[];
}

export const DOCUMENT_TITLES: Record<DocumentKind, string> = { notice: '违法行为告知书', decision: '行政处罚决定书' };

export function chineseDate(ms: number): string {
	const [y, mo, d] = shanghaiDate(ms).split('-');
	return `${y}年${Number(mo)}月${Number(d)}日`;
}

const yuan = (fen: number | null) => (fen !== null ? formatYuan(fen) : '—');

export function composeEnforcementDocument(f: DocumentFacts): IssuedDocumentContent {
	const basis = f.penaltyBasis ?? '相关法规';
	const facts: Run[] = [
		{
			text: `经查，你（单位）于${shanghaiDateTime(f.seenAt)}在${f.party?.address ?? f.address}（${f.place.area}${f.place.community}）存在${f.violation}的行为，有视频截图、现场照片等证据（见附件）为证。该行为违反了${f.violated ?? '相关法规'}的规定。`
		}
	];
	const paragraphs: Run[][] = [facts];
	if (f.kind === 'notice') {
		paragraphs.push([
			{ text: `依据${basis}的规定，本机关拟对你（单位）作出如下行政处罚：` },
			{ text: `罚款人民币${yuan(f.proposedFine)}元`, strong: true, mark: 'fine' },
			{ text: '。' }
		]);
		paragraphs.push([
			{ text: '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩。请于' },
			{ text: f.statementDueAt !== null ? formatDeadline(f.statementDueAt) : '—', strong: true, mark: 'statement-due' },
			{ text: '前向本机关提出陈述、申辩；逾期未提出的，视为放弃陈述和申辩的权利。' }
		]);
	} else {
		const served = f.notice
			? `本机关于${chineseDate(f.notice.at)}向你（单位）送达了《违法行为告知书》（${f.notice.number}）。`
			: '';
		const heard =
			f.statement !== null
				? `你（单位）在规定期限内提出了陈述申辩：“${f.statement}”。经复核，本机关已充分听取并予以考虑。`
				: '你（单位）在规定期限内未提出陈述、申辩。';
		paragraphs.push([{ text: served + heard }]);
		paragraphs.push([
			{ text: `依据${basis}的规定，本机关决定对你（单位）作出如下行政处罚：` },
			{ text: `罚款人民币${yuan(f.fine)}元`, strong: true, mark: 'fine' },
			{ text: '。' }
		]);
		paragraphs.push([
			{ text: '请于' },
			{ text: f.paymentDueAt !== null ? formatDeadline(f.paymentDueAt) : '—', strong: true, mark: 'payment-due' },
			{
				text: '前，持本决定书到指定银行或通过电子支付系统缴纳罚款。到期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。'
			}
		]);
		paragraphs.push([{ text: appealSentence(f.appeal), mark: 'appeal' }]);
	}
	return {
		v: 1,
		kind: f.kind,
		number: f.number,
		issuer: f.issuer,
		title: DOCUMENT_TITLES[f.kind],
		issuedAt: f.issuedAt,
		dateText: chineseDate(f.issuedAt),
		party: f.party,
		paragraphs,
		appeal: f.kind === 'decision' ? f.appeal : null,
		evidence: f.evidence
	};
}

/** JSON with keys in sorted order at every level: the same content always gives the same text (and hash). */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_k, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(
					Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
				)
			: v
	);
}

/** The archived content read back; null when it is not a document of this shape. */
export function parseDocumentContent(text: string): IssuedDocumentContent | null {
	try {
		const c = JSON.parse(text) as IssuedDocumentContent;
		return c && c.v === 1 && (c.kind === 'notice' || c.kind === 'decision') && Array.isArray(c.paragraphs) ? c : null;
	} catch {
		return null;
	}
}
