import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, ID, Info, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Permissions } from '../auth/policy';
import { badInput, forbidden, HubError } from '../common/errors';
import { INTAKE_RATE_PER_SECOND, withinRateForCall } from './intake-rate';
import { decodeCursor, encodeCursor, fromGlobalId, toGlobalId } from '../common/relay';
import { MAX_PAGE_SIZE, pageRequest, toConnection } from '../common/connection';
import { SyncRun } from '../entities';
import { Connection, pagedComplexity } from '../graphql/connection';
import { requireViewer, type HubContext } from '../graphql/context';

@ObjectType({ description: '隔离的渠道记录（不含原文）A quarantined channel record (never its content)' })
export class QuarantinedRecord {
  @Field(() => ID, { description: '记录 ID Record ID' }) id!: string;
  @Field({ description: '渠道代码 Channel code' }) channelCode!: string;
  @Field(() => String, { nullable: true, description: '渠道原始编号 External id, when readable' }) externalId!: string | null;
  @Field({ description: '原因代码 Reason code' }) reasonCode!: string;
  @Field({ description: '原因（字段与问题）Reason: the field and the problem' }) reasonMessage!: string;
  @Field(() => GraphQLDateTime, { description: '接收时间 Received' }) receivedAt!: Date;
}

const QuarantinedConnection = Connection(QuarantinedRecord, 'QuarantinedRecord', '隔离记录');
type QuarantinedConnection = InstanceType<typeof QuarantinedConnection>;

@ObjectType({ description: '重放结果 Replay outcome of one quarantined record' })
class ReplayResult {
  @Field(() => ID, { description: '记录 ID Record ID' }) id!: string;
  @Field({ description: '结果 created / updated / unchanged / superseded / still_quarantined' }) status!: string;
  @Field(() => String, { nullable: true, description: '工单编号 Work-order code' }) workOrderCode!: string | null;
  @Field(() => String, { nullable: true, description: '仍被隔离的原因 Reason, if still quarantined' }) reason!: string | null;
}

@ObjectType({ description: '推送记录原因 Why a pushed record was rejected' })
class PushRejection {
  @Field({ description: '原因代码 Reason code (push-api.md §6)' }) code!: string;
  @Field({ description: '说明（含 JSON 指针）Message with a JSON pointer' }) message!: string;
}

@ObjectType({ description: '推送记录结果 Result of one pushed record (push-api.md §6)' })
class PushRecordResult {
  @Field(() => Int, { description: '序号 Index in the input' }) index!: number;
  @Field(() => String, { nullable: true, description: '渠道原始编号 External id' }) externalId!: string | null;
  @Field({ description: '结果 accepted / duplicate / rejected' }) status!: string;
  @Field(() => String, { nullable: true, description: '工单编号 Work-order code (accepted, duplicate)' }) workOrderId?: string | null;
  @Field(() => PushRejection, { nullable: true, description: '拒收原因 Reason (rejected)' }) reason?: PushRejection;
}

/** Operating the ingestion: sync runs, quarantine and replay, a sync on demand. */
@Resolver()
export class IngestResolver {
  @Authorized(Permissions.operateIngestion)
  @Query(() => QuarantinedConnection, {
    complexity: pagedComplexity,
    description: '隔离记录（可重放）Quarantined records, oldest first; replay them after a mapping fix',
  })
  async quarantinedRecords(
    @Ctx() ctx: HubContext,
    @Arg('channelCode', () => String, { nullable: true, description: '渠道代码 Channel code' }) channelCode?: string,
    @Arg('first', () => Int, { nullable: true, description: '条数（≤100）Page size' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '游标之后 After cursor' }) after?: string,
  ): Promise<QuarantinedConnection> {
    requireViewer(ctx);
    const request = pageRequest({ first, after });
    const afterId = after ? Number(decodeCursor(after, ['int'])[0]) : null;
    const rows = await ctx.services.ingestOps.quarantined(ctx.em, channelCode ?? null, request.limit + 1, afterId);
    const records = rows.map((r) => ({
      id: toGlobalId('ChannelRecord', r.id),
      channelCode: r.channel_code,
      externalId: r.external_id,
      reasonCode: r.reason_code,
      reasonMessage: r.reason_message,
      receivedAt: new Date(r.received_at),
      rowId: r.id,
    }));
    const count = () => ctx.services.ingestOps.quarantinedCount(ctx.em, channelCode ?? null);
    return new QuarantinedConnection(toConnection(records, request, (r) => encodeCursor([r.rowId]), count));
  }

  @Authorized(Permissions.operateIngestion)
  @Mutation(() => [ReplayResult], { description: '重放隔离记录（映射修正后）Replay quarantined records after a mapping fix' })
  async replayQuarantined(@Ctx() ctx: HubContext, @Arg('ids', () => [ID], { description: '记录 ID Record IDs' }) ids: string[]): Promise<ReplayResult[]> {
    requireViewer(ctx);
    const local = ids.map((id) => {
      const parsed = fromGlobalId(id);
      if (parsed.type !== 'ChannelRecord') throw badInput('ID 不是渠道记录', 'ID does not identify a channel record', 'ids');
      return parsed.id;
    });
    const results = await ctx.services.ingestOps.replay(ctx.em, local);
    return results.map(({ id, outcome }) => ({
      id: toGlobalId('ChannelRecord', id),
      status: outcome.status,
      workOrderCode: 'workOrderCode' in outcome ? outcome.workOrderCode : null,
      reason: 'reason' in outcome ? `${outcome.reason}: ${outcome.message}` : null,
    }));
  }

  @Authorized(Permissions.operateIngestion)
  @Query(() => [SyncRun], { description: '渠道同步记录（最新在前）Sync runs of a channel, newest first' })
  async syncRuns(
    @Ctx() ctx: HubContext,
    @Arg('channelCode', { description: '渠道代码 Channel code' }) channelCode: string,
    @Arg('first', () => Int, { defaultValue: 20, description: '条数（≤100）How many' }) first: number,
  ): Promise<SyncRun[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
      throw badInput(`first 须为 1–${MAX_PAGE_SIZE}`, `first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
    return ctx.services.ingestOps.syncRuns(ctx.em, channelCode, first);
  }

  @Authorized(Permissions.submitChannelRecords)
  @Mutation(() => [PushRecordResult], {
    // Nullable: under aliases, one refused batch (RATE_LIMITED) must not null the others' results.
    nullable: true,
    description: '渠道方提交记录（与推送接口同一规则，仅限本渠道）A channel owner submits canonical records (push-api.md §4–§6), for its own channel only',
  })
  async submitChannelRecords(
    @Ctx() ctx: HubContext,
    @Arg('channelCode', { description: '渠道代码 Channel code (must be the token’s own)' }) channelCode: string,
    @Arg('records', () => [GraphQLJSONObject], { description: '规范记录（1–100 条）Canonical records, 1–100' }) records: Array<Record<string, unknown>>,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PushRecordResult[]> {
    const viewer = requireViewer(ctx);
    if (viewer.channelCode !== channelCode) throw forbidden({ zh: '只能提交本渠道的记录', en: 'A channel token may submit records for its own channel only' });
    if (records.length < 1 || records.length > 100) throw badInput('每次 1–100 条', 'submit 1–100 records at a time', 'records');
    // The same 10 requests/s per channel as POST /intake (shared by all instances); each alias is one request.
    if (!(await withinRateForCall(ctx.em, viewer.channelId!, ctx, info))) {
      throw new HubError(
        'RATE_LIMITED',
        {
          zh: `每个渠道每秒最多提交 ${INTAKE_RATE_PER_SECOND} 次，请 1 秒后重试`,
          en: `At most ${INTAKE_RATE_PER_SECOND} submissions per second per channel; retry in 1 s`,
        },
        { retryAfterSeconds: 1 },
      );
    }
    const intake = ctx.services.connectors.pushIntake();
    if (!intake) throw badInput(`渠道 ${channelCode} 不接受推送`, `Channel ${channelCode} takes no pushed records`, 'channelCode');
    return intake.submit(ctx.em, ctx.services.ingest, { id: viewer.channelId!, code: channelCode }, records, { requestId: ctx.requestId });
  }

  @Authorized(Permissions.operateIngestion)
  @Mutation(() => SyncRun, {
    nullable: true,
    description: '立即同步一个拉取渠道（另一实例正在同步时返回空）Pull a channel now; null when another instance is pulling it',
  })
  async syncChannel(@Ctx() ctx: HubContext, @Arg('code', { description: '渠道代码 Channel code' }) code: string): Promise<SyncRun | null> {
    requireViewer(ctx);
    const connector = ctx.services.pullConnectors().get(code);
    if (!connector) throw badInput(`渠道 ${code} 未配置拉取连接器`, `No pull connector is configured for channel ${code}`, 'code');
    return ctx.services.syncRunner.run(connector, 'MANUAL');
  }
}
