// Reference data the running app needs beside the JSON files here (calendar, geography, categories):
// the handling departments and the fines of the enforcement-eligible categories. Loaded into an empty
// database by repositories/reference-data.ts.

/** Handling departments of the subdistrict, with the categories each handles by default. */
export const DEPARTMENTS: { name: string; kind: string; categories: string[] }[] = [
	{ name: '城管中队', kind: 'enforcement', categories: ['SH-JMZX-01', 'SH-JMZX-02', 'SH-JMZX-03', 'SH-XQGL-01'] },
	{ name: '市容所', kind: 'sanitation', categories: ['SH-HWSR-01', 'SH-HWSR-02', 'SH-HWSR-03', 'SH-HWSR-04'] },
	{ name: '房办', kind: 'housing', categories: ['SH-XQGL-02'] },
	{ name: '绿化所', kind: 'greening', categories: ['SH-HWSR-05', 'SH-YLLH-01', 'SH-YLLH-02'] },
	{ name: '物业/居委', kind: 'community', categories: ['SH-JMZX-04', 'SH-JMZX-05'] },
	{
		name: '市政养护所',
		kind: 'municipal',
		categories: ['SH-GYSS-01', 'SH-GYSS-02', 'SH-TFSJ-01', 'SH-SSGL-01', 'SH-SSGL-02', 'SH-SSGL-03', 'SH-SSGL-04']
	}
];

/**
 * Fine ranges (分) and legal basis of the enforcement-eligible categories. 乱设摊: 市容环境卫生管理条例
 * §21, 100–1000 元; 跨门营业 uses the same range (GridCase default: confirm with the street's legal office).
 */
export const ENFORCEMENT_RULES = [
	{
		category_code: 'SH-JMZX-01',
		fine_min: 10_000,
		fine_max: 100_000,
		violated: '《上海市市容环境卫生管理条例》第二十一条第一款',
		penalty_basis: '《上海市市容环境卫生管理条例》第二十一条第二款'
	},
	{
		category_code: 'SH-JMZX-02',
		fine_min: 10_000,
		fine_max: 100_000,
		violated: '《上海市市容环境卫生管理条例》第二十二条第一款',
		penalty_basis: '《上海市市容环境卫生管理条例》第二十二条第二款'
	}
];
