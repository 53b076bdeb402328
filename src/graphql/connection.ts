import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, type ConnectionData, type PageInfoData } from '../common/connection';

// simpleResolvers: plain properties, no middleware or authorisation on them; graphql-js's own resolver reads them.
@ObjectType({ simpleResolvers: true, description: '分页信息 Relay page info' })
export class PageInfo implements PageInfoData {
  @Field({ description: '是否有下一页 More items after this page' })
  hasNextPage!: boolean;

  @Field({ description: '是否有上一页 More items before this page' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: '首条游标 Cursor of the first edge' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: '末条游标 Cursor of the last edge' })
  endCursor!: string | null;
}

/** Complexity of a paged field: its children cost times the page size asked for. */
export function pagedComplexity({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const size = (args.first as number | undefined) ?? (args.last as number | undefined) ?? DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * Math.max(1, size);
}

/** Complexity of an unpaged nested list (timeline, replies …): assume about ten items. */
export function listComplexity({ childComplexity }: ComplexityEstimatorArgs): number {
  return 1 + childComplexity * 10;
}

/**
 * What a root field costs besides its selection (policy: the budget is GRAPHQL_MAX_COMPLEXITY,
 * 20,000 by default). A field that reads a month of data costs what a page of 100 orders with
 * their details costs, so one operation cannot ask for dozens of reports under aliases.
 */
export const HEAVY_FIELD_COST = {
  /** The whole 热线月报: a dozen aggregate reads. */
  monthlyReport: 5000,
  /** Link to the report file: the file is built when fetched. */
  generateMonthlyReport: 2000,
  /** A year of rankings. */
  accountability: 2000,
  departmentRanking: 1000,
  /** The month's orders in the schedule's categories. */
  hardCases: 1000,
  /** Aggregates over a period (from the rollup; raw tables with some filters). */
  stats: 200,
  trend: 200,
} as const;

/** Complexity of an aggregate root field: its fixed cost plus its selection. */
export function heavyComplexity(field: keyof typeof HEAVY_FIELD_COST) {
  return ({ childComplexity }: ComplexityEstimatorArgs): number => HEAVY_FIELD_COST[field] + childComplexity;
}

/** Relay connection types (XxxConnection, XxxEdge) for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string, zh: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `${zh}分页边 ${name} edge` })
  class Edge {
    @Field({ description: '游标 Cursor' })
    cursor!: string;

    @Field(() => nodeType, { description: '节点 Node' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `${zh}分页列表 ${name} connection (Relay)` })
  class ConnectionType {
    constructor(private readonly data: ConnectionData<T>) {}

    @Field(() => [Edge], { description: '边 Edges' })
    get edges(): Edge[] {
      return this.data.edges;
    }

    @Field(() => [nodeType], { description: '节点列表（edges 的简写）Nodes (shortcut for edges.node)' })
    get nodes(): T[] {
      return this.data.edges.map((e) => e.node);
    }

    @Field(() => PageInfo, { description: '分页信息 Page info' })
    get pageInfo(): PageInfo {
      return this.data.pageInfo;
    }

    @Field(() => Int, { description: '符合条件的总数 Total matching items (counted only when asked for)' })
    totalCount(): Promise<number> {
      return this.data.count();
    }
  }
  return ConnectionType;
}
