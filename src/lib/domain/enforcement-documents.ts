// Texts the enforcement track sends and prints: the 先行告知 SMS and document numbers (文书编号).

export const ISSUER = '古美路街道综合行政执法队';
export const ISSUER_SHORT = '古美城管';

export interface RectifySmsInput {
	signName: string;
	address: string;
	violation: string; // the category, e.g. 占道无证照经营
	minutes: number;
}

/** 先行告知整改: what the shop receives, short enough for one long SMS. */
export function composeRectifySms(i: RectifySmsInput): string {
	return (
		`【${ISSUER}】${i.signName}：经视频巡查，您在${i.address}存在${i.violation}行为。` +
		`请于${i.minutes}分钟内自行整改，逾期未整改的将依法立案处理。`
	);
}

/** 古美城管告字〔2026〕第0001号 (告知书) / 古美城管罚字〔2026〕第0001号 (处罚决定书). */
export function documentNumber(kind: 'notice' | 'decision', year: number, seq: number): string {
	return `${ISSUER_SHORT}${kind === 'notice' ? '告' : '罚'}字〔${year}〕第${String(seq).padStart(4, '0')}号`;
}

/** Z + Shanghai date + a 4-digit number per day, like the grid cases' W codes. */
export function enforcementCode(shanghaiDate: string, seq: number): string {
	return `Z${shanghaiDate.replaceAll('-', '')}${String(seq).padStart(4, '0')}`;
}
