/**
 * 重点领域 The key categories of 002 (重点关注欠薪、安全生产、矛盾纠纷、农村饮水住房安全、生态环保、营商环境等
 * 领域诉求), each as hub category codes of level 1 (two digits) or level 2 (four digits): the levels
 * the KPI rollup keeps, so the watch table reads the rollup. Policy data: change it here.
 */
export interface KeyCategory {
  key: string;
  name: string;
  /** Category codes (level 1 or 2) whose orders belong to the area. */
  codes: string[];
}

export const KEY_CATEGORIES: readonly KeyCategory[] = [
  { key: 'WAGE_ARREARS', name: '欠薪', codes: ['0101'] },
  { key: 'WORK_SAFETY', name: '安全生产', codes: ['02'] },
  { key: 'DISPUTES', name: '矛盾纠纷', codes: ['03'] },
  { key: 'RURAL_WATER_HOUSING', name: '农村饮水住房安全', codes: ['04'] },
  { key: 'ECOLOGY', name: '生态环保', codes: ['05'] },
  { key: 'BUSINESS_ENVIRONMENT', name: '营商环境', codes: ['06'] },
];
