import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permissions } from '../auth/policy';
import { notFound } from '../common/errors';
import { localId } from '../common/relay';
import { Department, LeaderDutySchedule } from '../entities';
import { HEAVY_FIELD_COST, listComplexity } from '../graphql/connection';
import { requireViewer, type HubContext } from '../graphql/context';
import { DispatchSuggestion, HardCase } from './dispatch.types';
import { readEm } from '../db/read-routing';

const MONTH_ARG = { description: '月份（yyyy-MM，按北京时间）Month, yyyy-MM in Asia/Shanghai' };

/** Thin: authorise, load within the viewer's scope, call the dispatch services, return. */
@Resolver()
export class DispatchResolver {
  @Authorized(Permissions.suggestDispatch)
  @Query(() => [DispatchSuggestion], {
    complexity: listComplexity,
    description: '分拨建议：依职责清单为工单排序的承办单位 Ranked departments for an order from the 职责清单 (empty without a category)',
  })
  async dispatchSuggestions(
    @Ctx() ctx: HubContext,
    @Arg('workOrderId', () => ID, { description: '工单全局 ID Work-order global ID' }) workOrderId: string,
  ): Promise<DispatchSuggestion[]> {
    requireViewer(ctx);
    const order = await ctx.visibleOrders.load(localId(workOrderId, 'WorkOrder'));
    if (!order) throw notFound({ zh: '工单', en: 'Work order' });
    return ctx.services.dispatchSuggestions.suggest(ctx.em, order);
  }

  @Authorized(Permissions.readDutySchedule)
  @Query(() => [LeaderDutySchedule], { description: '区长热线日安排（按月）Leader hotline-day schedule of a year, by month' })
  leaderDutySchedules(@Ctx() ctx: HubContext, @Arg('year', () => Int, { description: '年份 Year' }) year: number): Promise<LeaderDutySchedule[]> {
    requireViewer(ctx);
    return ctx.services.dutySchedules.list(ctx.em, year);
  }

  @Authorized(Permissions.setDutySchedule)
  @Mutation(() => LeaderDutySchedule, { description: '设置某月区长热线日安排（按月覆盖）Set the leader hotline day of a month (replaces that month)' })
  setLeaderDutySchedule(
    @Ctx() ctx: HubContext,
    @Arg('month', MONTH_ARG) month: string,
    @Arg('leaderName', { description: '值班区领导 Leader on duty' }) leaderName: string,
    @Arg('categoriesText', { description: '疑难诉求类别（原文）Hard-case categories, as written' }) categoriesText: string,
    @Arg('categoryCodes', () => [String], { description: '对应分类代码（空为全部）Category codes it covers (empty: all)' }) categoryCodes: string[],
  ): Promise<LeaderDutySchedule> {
    requireViewer(ctx);
    return ctx.services.dutySchedules.set(ctx.em, { month, leaderName, categoriesText, categoryCodes });
  }

  @Authorized(Permissions.readHardCases)
  @Query(() => [HardCase], {
    complexity: (args) => HEAVY_FIELD_COST.hardCases + listComplexity(args),
    description:
      '区长热线日疑难诉求：当月受理、属当月安排类别的重复、多头、二次不满意、两次退单、跨部门工单 Hard cases received in the month within its schedule’s categories, most reasons first',
  })
  hardCases(@Ctx() ctx: HubContext, @Arg('month', MONTH_ARG) month: string): Promise<HardCase[]> {
    requireViewer(ctx);
    return ctx.services.hardCases.forMonth(readEm(ctx), month); // a month's hard cases tolerate replica lag
  }
}

@Resolver(() => DispatchSuggestion)
export class DispatchSuggestionResolver {
  @FieldResolver(() => Department, { description: '建议单位 Suggested department' })
  async department(@Root() s: DispatchSuggestion, @Ctx() ctx: HubContext): Promise<Department> {
    return (await ctx.loaders.department.load(s.departmentId))!;
  }
}
