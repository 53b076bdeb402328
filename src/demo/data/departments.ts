/**
 * 赣县区 12345 热线成员单位（演示数据）。
 *
 * 依据：赣区府办字〔2024〕12号《赣州市赣县区民意速办改革工作方案（试行）》、
 * 赣区府办字〔2024〕16号“区长热线日”通知中列明的成员单位，以及县级热线常见承办单位。
 * 联络人只记录职务（附件2“快速处理联络表”），不含姓名与电话。
 */

export type DepartmentKind = 'COUNTY_DEPARTMENT' | 'TOWNSHIP' | 'SUB_UNIT' | 'ENTERPRISE' | 'PEOPLE_ORGANISATION';

export interface LiaisonSeed {
  role: 'LIAISON' | 'LEADER';
  /** 职务，例如 办公室主任 / 副局长 */
  title: string;
}

export interface DepartmentSeed {
  /** ^[A-Z][A-Z0-9_]{1,31}$，拼音首字母 */
  code: string;
  /** 规范简称 */
  name: string;
  kind: DepartmentKind;
  /** 下属单位指向上级单位 */
  parentCode?: string;
  /** 区级单位为 '360704'，乡镇单位为乡镇 12 位区划代码 */
  regionCode: string;
  /** 24 小时联络人（附件2）：每个一级单位一名联络员、一名分管领导 */
  liaisons: LiaisonSeed[];
}

const COUNTY = '360704';

function contacts(liaisonTitle: string, leaderTitle: string): LiaisonSeed[] {
  return [
    { role: 'LIAISON', title: liaisonTitle },
    { role: 'LEADER', title: leaderTitle },
  ];
}

function county(code: string, name: string, leaderTitle = '副局长', liaisonTitle = '办公室主任'): DepartmentSeed {
  return { code, name, kind: 'COUNTY_DEPARTMENT', regionCode: COUNTY, liaisons: contacts(liaisonTitle, leaderTitle) };
}

function sub(code: string, name: string, parentCode: string, regionCode: string, leaderTitle: string, liaisonTitle = '综合股股长'): DepartmentSeed {
  return { code, name, kind: 'SUB_UNIT', parentCode, regionCode, liaisons: contacts(liaisonTitle, leaderTitle) };
}

function enterprise(code: string, name: string, liaisonTitle: string, leaderTitle = '副总经理'): DepartmentSeed {
  return { code, name, kind: 'ENTERPRISE', regionCode: COUNTY, liaisons: contacts(liaisonTitle, leaderTitle) };
}

function peopleOrg(code: string, name: string, leaderTitle: string): DepartmentSeed {
  return { code, name, kind: 'PEOPLE_ORGANISATION', regionCode: COUNTY, liaisons: contacts('办公室主任', leaderTitle) };
}

/** 19 个乡镇：[拼音代码, 乡镇名, 区划代码] */
export const TOWNSHIP_LIST: ReadonlyArray<readonly [string, string, string]> = [
  ['MEILIN', '梅林镇', '360704100000'],
  ['WANGMUDU', '王母渡镇', '360704101000'],
  ['SHADI', '沙地镇', '360704102000'],
  ['JIANGKOU', '江口镇', '360704103000'],
  ['TIANCUN', '田村镇', '360704104000'],
  ['NANTANG', '南塘镇', '360704105000'],
  ['MAODIAN', '茅店镇', '360704106000'],
  ['JIBU', '吉埠镇', '360704107000'],
  ['WUYUN', '五云镇', '360704108000'],
  ['HUJIANG', '湖江镇', '360704109000'],
  ['CHUTAN', '储潭镇', '360704110000'],
  ['HANFANG', '韩坊镇', '360704111000'],
  ['YANGBU', '阳埠乡', '360704200000'],
  ['DABU', '大埠乡', '360704201000'],
  ['CHANGLUO', '长洛乡', '360704202000'],
  ['DATIAN', '大田乡', '360704203000'],
  ['SHIYUAN', '石芫乡', '360704204000'],
  ['SANXI', '三溪乡', '360704205000'],
  ['BAILU', '白鹭乡', '360704206000'],
];

function townships(): DepartmentSeed[] {
  const out: DepartmentSeed[] = [];
  for (const [pinyin, name, regionCode] of TOWNSHIP_LIST) {
    const isTown = name.endsWith('镇');
    const code = `XZ_${pinyin}`;
    out.push({
      code,
      name: `${name}人民政府`,
      kind: 'TOWNSHIP',
      regionCode,
      liaisons: contacts('党政综合办公室主任', isTown ? '副镇长' : '副乡长'),
    });
    out.push({
      code: `${code}_ZFD`,
      name: `${name}综合行政执法队`,
      kind: 'SUB_UNIT',
      parentCode: code,
      regionCode,
      liaisons: contacts('执法队内勤', '执法队队长'),
    });
  }
  return out;
}

export const DEPARTMENTS: DepartmentSeed[] = [
  // —— 民意速办专项工作组成员单位 ——
  county('XZSPJ', '区行政审批局'),
  sub('RX12345', '区12345政务服务便民热线管理中心', 'XZSPJ', COUNTY, '中心主任', '热线值班长'),
  county('XFJ', '区委信访局'),
  county('ZFB', '区政府办公室', '副主任', '督查室主任'),
  county('QWB', '区委办公室', '副主任', '信息科科长'),
  county('ZFW', '区委政法委', '副书记'),
  county('BB', '区委编办', '副主任'),
  county('SFJ', '区司法局'),
  sub('SFJ_FLYZ', '区法律援助中心', 'SFJ', COUNTY, '中心主任'),

  // —— 区市场监管局及市场监管所 ——
  county('SCJGJ', '区市场监管局'),
  sub('SCJGJ_TSJB', '区市场监管局投诉举报中心', 'SCJGJ', COUNTY, '中心主任', '12315受理员'),
  sub('SCJGJ_MLS', '梅林市场监管所', 'SCJGJ', '360704100000', '所长'),
  sub('SCJGJ_WMDS', '王母渡市场监管所', 'SCJGJ', '360704101000', '所长'),
  sub('SCJGJ_JKS', '江口市场监管所', 'SCJGJ', '360704103000', '所长'),
  sub('SCJGJ_MDS', '茅店市场监管所', 'SCJGJ', '360704106000', '所长'),
  sub('SCJGJ_TCS', '田村市场监管所', 'SCJGJ', '360704104000', '所长'),
  sub('SCJGJ_HFS', '韩坊市场监管所', 'SCJGJ', '360704111000', '所长'),

  // —— 区人社局 ——
  county('RSJ', '区人社局'),
  sub('RSJ_LDJC', '区劳动保障监察大队', 'RSJ', COUNTY, '大队长', '监察员'),
  sub('RSJ_SBZX', '区社会保险中心', 'RSJ', COUNTY, '中心主任', '业务股股长'),
  sub('RSJ_JYZX', '区就业创业服务中心', 'RSJ', COUNTY, '中心主任'),
  sub('RSJ_ZCY', '区劳动人事争议仲裁院', 'RSJ', COUNTY, '院长', '立案庭负责人'),

  // —— 区交通运输局 ——
  county('JTYSJ', '区交通运输局'),
  sub('JTYSJ_YGS', '区运输管理所', 'JTYSJ', COUNTY, '所长', '客运股股长'),
  sub('JTYSJ_ZFDD', '区交通运输综合行政执法大队', 'JTYSJ', COUNTY, '大队长', '执法中队长'),
  sub('JTYSJ_GLZX', '区公路事业发展中心', 'JTYSJ', COUNTY, '中心主任', '养护股股长'),

  // —— 住建、城管 ——
  county('ZJJ', '区住建局'),
  sub('ZJJ_WYGL', '区物业管理服务中心', 'ZJJ', COUNTY, '中心主任'),
  sub('ZJJ_ZJZ', '区建设工程质量安全监督站', 'ZJJ', COUNTY, '站长'),
  county('CGJ', '区城管局'),
  sub('CGJ_ZFDD', '区城市管理综合执法大队', 'CGJ', COUNTY, '大队长', '值班中队长'),
  sub('CGJ_HWZX', '区环境卫生服务中心', 'CGJ', COUNTY, '中心主任'),
  sub('CGJ_SZYL', '区市政园林服务中心', 'CGJ', COUNTY, '中心主任'),

  // —— 区公安分局 ——
  county('GAJ', '区公安分局', '副局长', '指挥中心主任'),
  sub('GAJ_JJDD', '区公安分局交通管理大队', 'GAJ', COUNTY, '大队长', '秩序中队长'),
  sub('GAJ_ZAJ', '区公安分局治安管理大队', 'GAJ', COUNTY, '大队长', '内勤'),
  sub('GAJ_MLPCS', '梅林派出所', 'GAJ', '360704100000', '所长', '内勤'),
  sub('GAJ_WMDPCS', '王母渡派出所', 'GAJ', '360704101000', '所长', '内勤'),
  sub('GAJ_JKPCS', '江口派出所', 'GAJ', '360704103000', '所长', '内勤'),
  sub('GAJ_TCPCS', '田村派出所', 'GAJ', '360704104000', '所长', '内勤'),
  sub('GAJ_NTPCS', '南塘派出所', 'GAJ', '360704105000', '所长', '内勤'),
  sub('GAJ_MDPCS', '茅店派出所', 'GAJ', '360704106000', '所长', '内勤'),
  sub('GAJ_HFPCS', '韩坊派出所', 'GAJ', '360704111000', '所长', '内勤'),

  // —— 其他区直部门 ——
  county('JTJ', '区教体局'),
  county('WJW', '区卫健委', '副主任'),
  sub('WJW_JKZX', '区疾病预防控制中心', 'WJW', COUNTY, '中心主任'),
  sub('WJW_WSJD', '区卫生健康综合监督执法大队', 'WJW', COUNTY, '大队长'),
  county('WGXLJ', '区文广新旅局'),
  county('SWJ', '区商务局'),
  county('STHJJ', '区生态环境分局'),
  sub('STHJJ_ZFDD', '区生态环境保护综合执法大队', 'STHJJ', COUNTY, '大队长'),
  county('NYNCJ', '区农业农村局'),
  sub('NYNCJ_GYZX', '区果业发展中心', 'NYNCJ', COUNTY, '中心主任', '技术推广股股长'),
  sub('NYNCJ_ZFDD', '区农业综合行政执法大队', 'NYNCJ', COUNTY, '大队长'),
  county('NJ', '区农机服务中心', '副主任'),
  county('YJGLJ', '区应急管理局', '副局长', '应急指挥中心主任'),
  county('XFJY', '区消防救援大队', '副大队长', '防火监督员'),
  county('SLJ', '区水利局'),
  county('ZRZYJ', '区自然资源分局'),
  sub('ZRZYJ_BDC', '区不动产登记中心', 'ZRZYJ', COUNTY, '中心主任', '登记窗口负责人'),
  county('LYJ', '区林业局'),
  county('MZJ', '区民政局'),
  county('YBJ', '区医保局'),
  county('FGW', '区发改委', '副主任'),
  county('GXJ', '区工信局'),
  county('CZJ', '区财政局'),
  county('TYJRJ', '区退役军人事务局'),
  county('SWUJ', '区税务局'),
  county('GJJ', '市住房公积金中心赣县区管理部', '部长', '业务科科长'),
  county('RMTZX', '区融媒体中心', '副主任', '新闻部主任'),

  // —— 公共服务企业 ——
  enterprise('YZ', '赣县区邮政分公司', '客户服务部经理'),
  enterprise('GD', '国网赣县区供电公司', '供电服务指挥中心主任'),
  enterprise('GS', '赣县区供水公司', '客户服务中心主任'),
  enterprise('RQ', '赣县区燃气公司', '安全运行部经理'),
  enterprise('DX', '中国电信赣县分公司', '客户服务部经理'),
  enterprise('YD', '中国移动赣县分公司', '客户服务部经理'),
  enterprise('LT', '中国联通赣县分公司', '客户服务部经理'),

  // —— 人民团体 ——
  peopleOrg('GH', '区总工会', '副主席'),
  peopleOrg('FL', '区妇联', '副主席'),
  peopleOrg('CL', '区残联', '副理事长'),
  peopleOrg('TW', '团区委', '副书记'),

  // —— 19 个乡镇人民政府及综合行政执法队 ——
  ...townships(),
];
