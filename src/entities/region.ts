import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Node } from '../graphql/node';
import { RegionLevel } from '../reference/vocabulary';

/** 行政区划 Region: the county 360704 赣县区 and its townships (统计用区划代码). */
@ObjectType({ implements: Node, simpleResolvers: true, description: '行政区划 Administrative region (county, township)' })
@Entity()
export class Region extends Node {
  [OptionalProps]?: 'globalId' | 'active' | 'deactivatedAt' | 'version';

  @PrimaryKey()
  id!: number;

  @Field({ description: '区划代码 Region code (6 or 12 digits)' })
  @Property({ length: 12, unique: true })
  code!: string;

  @Field({ description: '名称 Name' })
  @Property({ length: 50 })
  name!: string;

  @Field(() => RegionLevel, { description: '层级 Level' })
  @Enum({ items: () => RegionLevel, nativeEnumName: 'region_level' })
  level!: RegionLevel;

  @Index()
  @ManyToOne(() => Region, { nullable: true })
  parent?: Region;

  @Field({ description: '是否启用 Active' })
  @Property({ default: true })
  active: boolean = true;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: '停用时间（停用后不再用于新的分拨或分类）Deactivated at: no longer offered for new dispatch or categorisation',
  })
  @Property({ type: 'datetime', nullable: true })
  deactivatedAt?: Date | null;

  @Field(() => Int, { description: '版本（乐观锁，修改时回传）Version for optimistic locking: pass it back when editing' })
  @Property({ version: true })
  version!: number;
}
