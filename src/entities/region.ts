import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../graphql/node';

export enum RegionLevel {
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
}
registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: '行政区划层级 Administrative level',
  valuesConfig: {
    COUNTY: { description: '区县 county' },
    TOWNSHIP: { description: '乡镇 township' },
    VILLAGE: { description: '村/社区 village or community' },
  },
});

/** 行政区划 Region: the county 360704 赣县区 and its townships (统计用区划代码). */
@ObjectType({ implements: Node, simpleResolvers: true, description: '行政区划 Administrative region (county, township)' })
@Entity()
export class Region extends Node {
  [OptionalProps]?: 'globalId';

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
}
