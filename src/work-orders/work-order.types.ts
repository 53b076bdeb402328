import { GraphQLDateTime } from 'graphql-scalars';
import { Field, InputType, ObjectType } from 'type-graphql';
import { WorkOrder } from '../entities';
import { Connection } from '../graphql/connection';
import { RequestType, Urgency, WorkOrderStatus } from './enums';
import { SortDirection, WorkOrderSortField, type WorkOrderFilterData } from './work-order.query';

/** 诉求人 Citizen, masked unless returned by revealCitizen. */
@ObjectType({ description: '诉求人信息（默认脱敏）Citizen, masked unless revealed with revealCitizen' })
export class Citizen {
  @Field(() => String, { nullable: true, description: '姓名 Name (masked: 张*)' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: '电话 Phone (masked: 138****5678)' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: '身份证号 ID number (masked: 3607**********1234)' })
  idNumber!: string | null;

  @Field(() => String, { nullable: true, description: '诉求人地址 Citizen address (masked)' })
  address!: string | null;

  @Field({ description: '匿名 Anonymous' })
  anonymous!: boolean;

  @Field({ description: '是否已脱敏 Values are masked' })
  masked!: boolean;

  @Field({ description: '信访身份：仅信访局可见 Petition identity, visible to the petition bureau only (fields are null for others)' })
  restricted!: boolean;

  @Field(() => String, {
    nullable: true,
    description: '信访内容全文（XFNR）：仅信访局在留痕查看中可见 Full petition text (XFNR): only in an audited reveal by the petition bureau',
  })
  petitionContent?: string | null;
}

export const WorkOrderConnection = Connection(WorkOrder, 'WorkOrder', '工单');
export type WorkOrderConnection = InstanceType<typeof WorkOrderConnection>;

@InputType({ description: '工单筛选条件（各条件为“且”，列表内为“或”）Work-order filter: conditions AND-ed, list values OR-ed' })
export class WorkOrderFilter implements WorkOrderFilterData {
  @Field(() => [WorkOrderStatus], { nullable: true, description: '状态 Statuses' })
  status?: WorkOrderStatus[];

  @Field(() => [String], { nullable: true, description: '渠道代码（任一来源）Channel codes (any source of the order)' })
  channelCodes?: string[];

  @Field(() => [String], { nullable: true, description: '承办单位代码（含下级）Department codes, including sub-units' })
  departmentCodes?: string[];

  @Field(() => [String], { nullable: true, description: '分类代码（含下级分类）Category codes, including subcategories' })
  categoryCodes?: string[];

  @Field(() => [String], { nullable: true, description: '区划代码（含下级）Region codes, including townships' })
  regionCodes?: string[];

  @Field(() => [RequestType], { nullable: true, description: '诉求类型 Request types' })
  requestTypes?: RequestType[];

  @Field(() => [Urgency], { nullable: true, description: '紧急程度 Urgencies' })
  urgencies?: Urgency[];

  @Field(() => GraphQLDateTime, { nullable: true, description: '受理时间起（含）Received at or after' })
  receivedFrom?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: '受理时间止（不含）Received before' })
  receivedTo?: Date;

  @Field({ nullable: true, description: '是否超期 Overdue (past reply deadline and not finished)' })
  overdue?: boolean;

  @Field({
    nullable: true,
    description:
      '关键词（编号、标题、内容；不超过 100 字；空格分隔的词须同时出现；含同义词，如 噪音＝噪声）Words in code, title or content: at most 100 characters; space-separated words must all occur; synonyms count (噪音 = 噪声)',
  })
  text?: string;
}

@InputType({ description: '工单排序 Work-order ordering' })
export class WorkOrderOrder {
  @Field(() => WorkOrderSortField, { description: '字段 Field' })
  field!: WorkOrderSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC, description: '方向 Direction' })
  direction!: SortDirection;
}

@InputType({ description: '诉求人信息 Citizen data (stored encrypted)' })
export class CitizenInput {
  @Field({ nullable: true, description: '姓名 Name' })
  name?: string;

  @Field({ nullable: true, description: '电话（手机或带区号座机）Phone (mobile or landline with area code)' })
  phone?: string;

  @Field({ nullable: true, description: '身份证号 ID number (18 characters, check digit verified)' })
  idNumber?: string;

  @Field({ nullable: true, description: '诉求人地址 Citizen address' })
  address?: string;

  @Field({ nullable: true, defaultValue: false, description: '匿名 Anonymous (no name, phone or ID number)' })
  anonymous?: boolean;
}

@InputType({ description: '12345 热线受理工单 A work order taken by the 12345 centre' })
export class CreateWorkOrderInput {
  @Field(() => RequestType, { description: '诉求类型 Request type' })
  requestType!: RequestType;

  @Field({ nullable: true, description: '诉求分类代码 Category code' })
  categoryCode?: string;

  @Field({ description: '标题 Title (1–200 characters)' })
  title!: string;

  @Field({ description: '诉求内容 Content (1–20000 characters)' })
  content!: string;

  @Field(() => CitizenInput, { nullable: true, description: '诉求人 Citizen' })
  citizen?: CitizenInput;

  @Field({ description: '事发地区划代码 Region code where it happened (county or township)' })
  regionCode!: string;

  @Field({ nullable: true, description: '事发地址 Incident address' })
  address?: string;

  @Field(() => Urgency, { nullable: true, defaultValue: Urgency.NORMAL, description: '紧急程度 Urgency' })
  urgency?: Urgency;

  @Field(() => GraphQLDateTime, { nullable: true, description: '来电时间（默认当前）Call time, defaults to now' })
  receivedAt?: Date;
}
