/**
 * 2024 年度“区长热线日”时间安排表（000 附件）, with each 疑难诉求类别 mapped to the hub's category
 * codes (src/demo/data/categories.ts; a code covers its subcategories, an empty list means every
 * category). The table prints two-character names with a typesetting space (“高 兵”, “左 兵”);
 * the names are stored without it.
 */
export interface DutyScheduleSeed {
  /** yyyy-MM */
  month: string;
  leaderName: string;
  /** 疑难诉求类别, as in the table */
  categoriesText: string;
  categoryCodes: string[];
}

type MonthlyDuty = Omit<DutyScheduleSeed, 'month'> & { month: number };

const TABLE_2024: MonthlyDuty[] = [
  { month: 3, leaderName: '刘文彦', categoriesText: '区级层面各类疑难诉求', categoryCodes: [] },
  { month: 4, leaderName: '汤娇雯', categoriesText: '邮政等', categoryCodes: ['18'] }, // 邮政快递
  { month: 5, leaderName: '高兵', categoriesText: '工会、妇联等', categoryCodes: ['0104', '1706'] }, // 职工权益, 妇女儿童权益
  { month: 6, leaderName: '刘建华', categoriesText: '农业农村类等', categoryCodes: ['16'] },
  { month: 7, leaderName: '赖根生', categoriesText: '人力资源保障类等', categoryCodes: ['01', '14'] }, // 劳动保障, 社会保障
  { month: 8, leaderName: '刘震民', categoriesText: '公安、司法类等', categoryCodes: ['15', '03'] }, // 公安治安; 矛盾纠纷 (司法局: 人民调解、法律援助)
  { month: 9, leaderName: '肖诗龙', categoriesText: '教体、卫生、文广类等', categoryCodes: ['12', '13', '19'] }, // 教育, 医疗卫生, 文化旅游体育
  {
    month: 10,
    leaderName: '陈婷婷',
    categoriesText: '商务执法、生态环境类等',
    // 生态环保; 商务执法 (商务综合行政执法): 涉企问题, 招商引资, 市场秩序 and 预付卡退费 (where 商务局 co-handles).
    categoryCodes: ['05', '0602', '0603', '1005', '100202'],
  },
  { month: 11, leaderName: '左兵', categoriesText: '住建、城管、市场监管、交通类等', categoryCodes: ['08', '09', '10', '11'] },
  { month: 12, leaderName: '张徽科', categoriesText: '农机、残联等', categoryCodes: ['1604', '1703'] }, // 农业机械, 残疾人服务
];

const inYear =
  (year: number) =>
  (row: MonthlyDuty): DutyScheduleSeed => ({ ...row, month: `${year}-${String(row.month).padStart(2, '0')}` });

export const DUTY_SCHEDULE_2024: DutyScheduleSeed[] = TABLE_2024.map(inYear(2024));

/**
 * Demo data, not a published schedule: the demo county's current year (2026) copies the 2024
 * leaders and categories for March–December, so the demo has a 区长热线日 for today.
 */
export const DUTY_SCHEDULE_2026_DEMO: DutyScheduleSeed[] = TABLE_2024.map(inYear(2026));

export const DUTY_SCHEDULE_SEED: DutyScheduleSeed[] = [...DUTY_SCHEDULE_2024, ...DUTY_SCHEDULE_2026_DEMO];
