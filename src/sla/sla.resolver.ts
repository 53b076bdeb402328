import { Arg, Authorized, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Permissions } from '../auth/policy';
import { SlaPolicy, WorkCalendarDay } from '../entities';
import { requireViewer, type HubContext } from '../graphql/context';
import { RequestType, TimeLimitClass, Urgency } from '../work-orders/enums';
import { DEFAULT_POLICIES, type SlaPolicyData } from './policies';
import type { SlaPolicyInput } from './sla-admin.service';
import { LimitUnit } from './vocabulary';

@ObjectType({ description: '时限 A time limit' })
class TimeLimit {
  @Field(() => Int, { description: '数量 Amount' })
  amount!: number;

  @Field(() => LimitUnit, { description: '单位 Unit' })
  unit!: LimitUnit;
}

@ObjectType({ description: '生效的时限政策（默认值与覆盖合并后）An effective time-limit policy (defaults with overrides applied)' })
class EffectiveSlaPolicy {
  @Field({ description: '代码 Code' }) code!: string;
  @Field({ description: '名称 Name' }) name!: string;
  @Field(() => Int, { description: '优先级 Priority' }) priority!: number;
  @Field(() => String, { nullable: true, description: '渠道条件 Channel condition' }) channelCode?: string | null;
  @Field(() => RequestType, { nullable: true, description: '诉求类型条件 Request-type condition' }) requestType?: RequestType | null;
  @Field(() => Urgency, { nullable: true, description: '紧急程度条件 Urgency condition' }) urgency?: Urgency | null;
  @Field(() => String, { nullable: true, description: '分类前缀条件 Category-prefix condition' }) categoryPrefix?: string | null;
  @Field(() => TimeLimitClass, { nullable: true, description: '时限类别条件 Time-limit-class condition' }) timeLimitClass?: TimeLimitClass | null;
  @Field(() => TimeLimit, { description: '签收时限 Sign-for limit' }) sign!: TimeLimit;
  @Field(() => TimeLimit, { description: '首次联系时限 First-contact limit' }) contact!: TimeLimit;
  @Field(() => TimeLimit, { description: '答复时限 Reply limit' }) reply!: TimeLimit;
  @Field({ description: '是否启用 Enabled' }) enabled!: boolean;
  @Field({ description: '依据 Basis' }) basis!: string;
  @Field({ description: '是否为数据库覆盖 Overridden in the database (else the versioned default)' }) overridden!: boolean;
}

@InputType({ description: '时限政策（覆盖或新增）A time-limit policy override or addition' })
class SlaPolicyInputType implements SlaPolicyInput {
  @Field({ description: '代码（与默认值相同即覆盖）Code; the same as a default overrides it' }) code!: string;
  @Field({ description: '名称 Name' }) name!: string;
  @Field(() => Int, { nullable: true, description: '优先级 Priority' }) priority?: number;
  @Field({ nullable: true, description: '渠道条件 Channel condition' }) channelCode?: string;
  @Field(() => RequestType, { nullable: true, description: '诉求类型条件 Request-type condition' }) requestType?: RequestType;
  @Field(() => Urgency, { nullable: true, description: '紧急程度条件 Urgency condition' }) urgency?: Urgency;
  @Field({ nullable: true, description: '分类前缀条件 Category-prefix condition' }) categoryPrefix?: string;
  @Field(() => TimeLimitClass, { nullable: true, description: '时限类别条件 Time-limit-class condition' }) timeLimitClass?: TimeLimitClass;
  @Field(() => Int, { description: '签收时限 Sign-for limit' }) signLimit!: number;
  @Field(() => LimitUnit, { description: '签收时限单位 Unit' }) signUnit!: LimitUnit;
  @Field(() => Int, { description: '首次联系时限 First-contact limit' }) contactLimit!: number;
  @Field(() => LimitUnit, { description: '首次联系时限单位 Unit' }) contactUnit!: LimitUnit;
  @Field(() => Int, { description: '答复时限 Reply limit' }) replyLimit!: number;
  @Field(() => LimitUnit, { description: '答复时限单位 Unit' }) replyUnit!: LimitUnit;
  @Field({ nullable: true, description: '是否启用 Enabled' }) enabled?: boolean;
  @Field({ description: '依据 Basis' }) basis!: string;
}

/** Time limits as data: read by staff, edited by ADMIN (takes effect for deadlines computed afterwards). */
@Resolver()
export class SlaResolver {
  @Authorized(Permissions.readTimeLimits)
  @Query(() => [EffectiveSlaPolicy], { description: '生效的时限政策 Effective time-limit policies' })
  async slaPolicies(@Ctx() ctx: HubContext): Promise<EffectiveSlaPolicy[]> {
    requireViewer(ctx);
    const defaults = new Map(DEFAULT_POLICIES.map((p) => [p.code, p]));
    return (await ctx.services.sla.policies()).map((p: SlaPolicyData) => ({ ...p, overridden: defaults.get(p.code) !== p }));
  }

  @Authorized(Permissions.readTimeLimits)
  @Query(() => [WorkCalendarDay], { description: '工作日历条目（导入的通知与调整）Calendar days imported or overridden for a year' })
  async calendarDays(@Ctx() ctx: HubContext, @Arg('year', () => Int, { description: '年份 Year' }) year: number): Promise<WorkCalendarDay[]> {
    return ctx.services.sla.calendarDays(ctx.em, year);
  }

  @Authorized(Permissions.administerTimeLimits)
  @Mutation(() => SlaPolicy, { description: '新增或覆盖时限政策（管理员）Add or override a time-limit policy (ADMIN)' })
  upsertSlaPolicy(
    @Ctx() ctx: HubContext,
    @Arg('input', () => SlaPolicyInputType, { description: '政策 Policy' }) input: SlaPolicyInputType,
  ): Promise<SlaPolicy> {
    return ctx.services.slaAdmin.upsertPolicy(ctx.em, input);
  }

  @Authorized(Permissions.administerTimeLimits)
  @Mutation(() => WorkCalendarDay, { description: '设置某日上班或休息（管理员调整）Set a day as working or off (ADMIN override)' })
  setCalendarDay(
    @Ctx() ctx: HubContext,
    @Arg('date', { description: '日期 yyyy-MM-dd' }) date: string,
    @Arg('isOffDay', { description: '是否休息 Day off' }) isOffDay: boolean,
    @Arg('name', () => String, { nullable: true, description: '名称 Name' }) name?: string,
  ): Promise<WorkCalendarDay> {
    return ctx.services.slaAdmin.setCalendarDay(ctx.em, { date, isOffDay, name });
  }

  @Authorized(Permissions.administerTimeLimits)
  @Mutation(() => Int, {
    description: '导入国务院办公厅节假日通知（holiday-cn JSON）Import an official holiday notice (holiday-cn JSON); returns the number of days',
  })
  async importHolidayNotice(
    @Ctx() ctx: HubContext,
    @Arg('json', { description: '节假日通知 holiday-cn JSON {year, days:[{name, date, isOffDay}]}' }) json: string,
  ): Promise<number> {
    return (await ctx.services.slaAdmin.importNotice(ctx.em, json)).days;
  }
}
