import { GraphQLDateTime } from 'graphql-scalars';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Role } from '../auth/roles';
import { localId } from '../common/relay';
import { WorkOrder } from '../entities';
import { requireViewer, type HubContext } from '../graphql/context';
import { ContactMethod, SupervisionLevel } from './enums';
import { DispatchWorkOrderInput, RecordCallbackInput, SubmitReplyInput } from './lifecycle.inputs';
import { TRANSITIONS, WorkOrderAction as A } from './transitions';

/** The roles a mutation admits are read from the transition table: one source of truth. */
function rolesFor(...actions: A[]): Role[] {
  return [...new Set(TRANSITIONS.filter((t) => actions.includes(t.action)).flatMap((t) => t.roles))];
}

const orderId = (id: string) => localId(id, 'WorkOrder');
const ID_ARG = { description: '工单全局 ID Work-order ID' };
const VERSION_ARG = { description: '工单版本（乐观锁）Version you last read; a stale one answers CONFLICT' };

/** Thin: authorise by the table, decode ids, call the lifecycle service, return the updated order. */
@Resolver()
export class LifecycleResolver {
  @Authorized(rolesFor(A.DISPATCH))
  @Mutation(() => WorkOrder, { description: '分拨（对已退单工单即改派）Dispatch to the lead (首办) and co-handling units; on a RETURNED order this is 改派' })
  dispatchWorkOrder(@Ctx() ctx: HubContext, @Arg('input', () => DispatchWorkOrderInput, { description: '分拨 Dispatch' }) input: DispatchWorkOrderInput) {
    return ctx.services.lifecycle.dispatch(ctx.em, requireViewer(ctx), { ...input, orderId: orderId(input.workOrderId) });
  }

  @Authorized(rolesFor(A.SIGN, A.SIGN_AS_CO_HANDLER))
  @Mutation(() => WorkOrder, {
    description: '签收（首办单位签收后进入办理；协办单位签收本单位分派）Sign for the order (lead) or for one’s own co-handling assignment',
  })
  signWorkOrder(@Ctx() ctx: HubContext, @Arg('workOrderId', () => ID, ID_ARG) id: string, @Arg('version', () => Int, VERSION_ARG) version: number) {
    return ctx.services.lifecycle.sign(ctx.em, requireViewer(ctx), { orderId: orderId(id), version });
  }

  @Authorized(rolesFor(A.RETURN))
  @Mutation(() => WorkOrder, {
    description: '退单（签收前或签收后规定时间内，须说明理由）Return the order: before signing or within the return window, with a reason',
  })
  returnWorkOrder(
    @Ctx() ctx: HubContext,
    @Arg('workOrderId', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('reason', { description: '退单理由 Reason' }) reason: string,
  ) {
    return ctx.services.lifecycle.return(ctx.em, requireViewer(ctx), { orderId: orderId(id), version, reason });
  }

  @Authorized(rolesFor(A.RECORD_CONTACT))
  @Mutation(() => WorkOrder, { description: '记录联系群众（首次联系计入响应率）Record contact with the citizen; the first one feeds the response rate' })
  recordContact(
    @Ctx() ctx: HubContext,
    @Arg('workOrderId', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('method', () => ContactMethod, { description: '联系方式 Method' }) method: ContactMethod,
    @Arg('at', () => GraphQLDateTime, { description: '联系时间 When' }) at: Date,
    @Arg('note', () => String, { nullable: true, description: '联系情况 Note' }) note?: string,
  ) {
    return ctx.services.lifecycle.recordContact(ctx.em, requireViewer(ctx), { orderId: orderId(id), version, method, at, note });
  }

  @Authorized(rolesFor(A.SUBMIT_REPLY))
  @Mutation(() => WorkOrder, { description: '提交答复（待单位负责人审核）Submit the reply for the department leader’s review' })
  submitReply(@Ctx() ctx: HubContext, @Arg('input', () => SubmitReplyInput, { description: '答复 Reply' }) input: SubmitReplyInput) {
    return ctx.services.lifecycle.submitReply(ctx.em, requireViewer(ctx), { ...input, orderId: orderId(input.workOrderId) });
  }

  @Authorized(rolesFor(A.APPROVE_REPLY, A.REJECT_REPLY))
  @Mutation(() => WorkOrder, { description: '审核答复（单位负责人把关，003 一）The department leader approves or rejects the reply' })
  approveReply(
    @Ctx() ctx: HubContext,
    @Arg('workOrderId', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('approve', { description: '是否通过 Approve (false: back to handling)' }) approve: boolean,
    @Arg('note', () => String, { nullable: true, description: '审核意见（退回时必填）Note, required to reject' }) note?: string,
  ) {
    return ctx.services.lifecycle.reviewReply(ctx.em, requireViewer(ctx), { orderId: orderId(id), version, approve, note });
  }

  @Authorized(rolesFor(A.CLOSE_AFTER_CALLBACK, A.REWORK_AFTER_CALLBACK))
  @Mutation(() => WorkOrder, {
    description:
      '回访（热线中心）：满意且解决则办结，否则重办；二次不满意列入会商 Callback by the centre: closes, or sends back for rework; a second unsatisfied callback lists it for 会商',
  })
  recordCallback(@Ctx() ctx: HubContext, @Arg('input', () => RecordCallbackInput, { description: '回访 Callback' }) input: RecordCallbackInput) {
    return ctx.services.lifecycle.recordCallback(ctx.em, requireViewer(ctx), { ...input, orderId: orderId(input.workOrderId) });
  }

  @Authorized(rolesFor(A.REQUEST_EXTENSION))
  @Mutation(() => WorkOrder, { description: '申请延期（须热线中心同意）Request an extension; the centre decides' })
  requestExtension(
    @Ctx() ctx: HubContext,
    @Arg('workOrderId', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('newDueAt', () => GraphQLDateTime, { description: '申请的新时限 Requested deadline' }) newDueAt: Date,
    @Arg('reason', { description: '延期理由（将告知群众）Reason, told to the citizen' }) reason: string,
  ) {
    return ctx.services.lifecycle.requestExtension(ctx.em, requireViewer(ctx), { orderId: orderId(id), version, newDueAt, reason });
  }

  @Authorized(rolesFor(A.APPROVE_EXTENSION, A.REJECT_EXTENSION))
  @Mutation(() => WorkOrder, { description: '审批延期 Decide an extension request' })
  decideExtension(
    @Ctx() ctx: HubContext,
    @Arg('requestId', () => ID, { description: '延期申请 ID Extension request ID' }) requestId: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('approve', { description: '是否同意 Approve' }) approve: boolean,
    @Arg('note', () => String, { nullable: true, description: '审批意见（不同意时必填）Note, required to reject' }) note?: string,
  ) {
    return ctx.services.lifecycle.decideExtension(ctx.em, requireViewer(ctx), { requestId: localId(requestId, 'ExtensionRequest'), version, approve, note });
  }

  @Authorized(rolesFor(A.ESCALATE))
  @Mutation(() => WorkOrder, { description: '提级转办至区委信访局（003 四）Escalate to the county petition bureau' })
  escalateWorkOrder(
    @Ctx() ctx: HubContext,
    @Arg('workOrderId', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('reason', { description: '理由 Reason' }) reason: string,
  ) {
    return ctx.services.lifecycle.escalate(ctx.em, requireViewer(ctx), { orderId: orderId(id), version, reason });
  }

  @Authorized(rolesFor(A.SUPERVISE))
  @Mutation(() => WorkOrder, { description: '督办（不改变状态）Supervise the order; no state change' })
  superviseWorkOrder(
    @Ctx() ctx: HubContext,
    @Arg('workOrderId', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('level', () => SupervisionLevel, { description: '督办级别 Level' }) level: SupervisionLevel,
    @Arg('note', { description: '督办要求 Note' }) note: string,
    @Arg('deadline', () => GraphQLDateTime, { description: '督办期限 Deadline' }) deadline: Date,
  ) {
    return ctx.services.lifecycle.supervise(ctx.em, requireViewer(ctx), { orderId: orderId(id), version, level, note, deadline });
  }

  @Authorized(rolesFor(A.REQUEST_TERMINATION))
  @Mutation(() => WorkOrder, { description: '申请终结归档（须书面理由与依据）Request termination with a written reason and legal basis' })
  requestTermination(
    @Ctx() ctx: HubContext,
    @Arg('workOrderId', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('reason', { description: '终结理由 Reason' }) reason: string,
    @Arg('legalBasis', { description: '法律政策依据 Legal basis' }) legalBasis: string,
  ) {
    return ctx.services.lifecycle.requestTermination(ctx.em, requireViewer(ctx), { orderId: orderId(id), version, reason, legalBasis });
  }

  @Authorized(rolesFor(A.APPROVE_TERMINATION, A.REJECT_TERMINATION))
  @Mutation(() => WorkOrder, { description: '审批终结归档 Decide a termination request' })
  decideTermination(
    @Ctx() ctx: HubContext,
    @Arg('requestId', () => ID, { description: '终结申请 ID Termination request ID' }) requestId: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('approve', { description: '是否同意 Approve' }) approve: boolean,
    @Arg('note', () => String, { nullable: true, description: '审批意见（不同意时必填）Note, required to reject' }) note?: string,
  ) {
    return ctx.services.lifecycle.decideTermination(ctx.em, requireViewer(ctx), {
      requestId: localId(requestId, 'TerminationRequest'),
      version,
      approve,
      note,
    });
  }

  @Authorized(rolesFor(A.MERGE, A.ABSORB_DUPLICATES))
  @Mutation(() => WorkOrder, {
    description: '并单：重复工单并入主工单，来源记录随之转移 Merge duplicates into a primary order; their channel records move with them',
  })
  mergeWorkOrders(
    @Ctx() ctx: HubContext,
    @Arg('primaryId', () => ID, { description: '主工单 ID Primary order ID' }) primaryId: string,
    @Arg('version', () => Int, { description: '主工单版本 Primary order version' }) version: number,
    @Arg('duplicateIds', () => [ID], { description: '重复工单 ID Duplicate order IDs' }) duplicateIds: string[],
  ) {
    return ctx.services.lifecycle.merge(ctx.em, requireViewer(ctx), { primaryId: orderId(primaryId), version, duplicateIds: duplicateIds.map(orderId) });
  }

  @Authorized(rolesFor(A.UNMERGE))
  @Mutation(() => WorkOrder, {
    description: '撤销并单：被并入的工单恢复原状态并取回其来源记录 Undo a merge: the merged order gets its state and channel records back',
  })
  unmergeWorkOrder(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { description: '被并入的工单 ID The merged order’s ID' }) id: string,
    @Arg('version', () => Int, { description: '该工单版本 Its version' }) version: number,
    @Arg('reason', () => String, { nullable: true, description: '撤销理由 Why the merge is undone' }) reason?: string | null,
  ) {
    return ctx.services.lifecycle.unmerge(ctx.em, requireViewer(ctx), { orderId: orderId(id), version, reason });
  }
}
