import { registerEnumType } from 'type-graphql';

/** 时限单位 Unit of a time limit. */
export enum LimitUnit {
  HOURS = 'HOURS',
  NATURAL_DAYS = 'NATURAL_DAYS',
  WORKING_DAYS = 'WORKING_DAYS',
}
registerEnumType(LimitUnit, {
  name: 'LimitUnit',
  description: '时限单位 Unit of a time limit',
  valuesConfig: {
    HOURS: { description: '小时 hours' },
    NATURAL_DAYS: { description: '自然日 natural days (24 h each)' },
    WORKING_DAYS: { description: '工作日（含调休）working days, 调休-aware; the deadline is the end of the last one' },
  },
});
