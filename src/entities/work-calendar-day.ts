import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { CalendarDaySource } from '../sla/vocabulary';

/** 工作日历 A day that differs from chinese-days' data or the weekday rule: imported notices and overrides. */
@ObjectType({ simpleResolvers: true, description: '工作日历条目（节假日通知与调整）Calendar day from an imported notice or an override' })
@Entity()
export class WorkCalendarDay {
  [OptionalProps]?: 'updatedAt';

  /** yyyy-MM-dd, Asia/Shanghai. */
  @Field({ description: '日期 Date (yyyy-MM-dd, Asia/Shanghai)' })
  @PrimaryKey({ length: 10 })
  date!: string;

  @Field({ description: '是否休息 Day off' })
  @Property()
  isOffDay!: boolean;

  @Field(() => String, { nullable: true, description: '名称（节日）Name (holiday)' })
  @Property({ type: 'string', length: 50, nullable: true })
  name?: string | null;

  /** The year of the official notice the day came from (a notice can reach into the next year). */
  @Field(() => Int, { nullable: true, description: '所属通知年份 Year of the official notice it came from' })
  @Property({ type: 'integer', nullable: true })
  noticeYear?: number | null;

  @Field(() => CalendarDaySource, { description: '来源 Source' })
  @Enum({ items: () => CalendarDaySource, nativeEnumName: 'calendar_day_source' })
  source!: CalendarDaySource;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
