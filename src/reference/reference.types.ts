import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Liaison } from '../entities/department';

export enum LiaisonRole {
  LIAISON = 'LIAISON',
  LEADER = 'LEADER',
}
registerEnumType(LiaisonRole, {
  name: 'LiaisonRole',
  description: '联络人类型 Liaison role',
  valuesConfig: { LIAISON: { description: '联络员 liaison officer' }, LEADER: { description: '分管领导 leader in charge' } },
});

@ObjectType('Liaison', { description: '24 小时联络人 24-hour contact of a unit (001 附件2)' })
export class LiaisonType implements Liaison {
  @Field(() => LiaisonRole, { description: '类型 Role' })
  role!: 'LIAISON' | 'LEADER';

  @Field({ description: '姓名 Name' })
  name!: string;

  @Field({ description: '职务 Title' })
  title!: string;

  @Field({ description: '联系电话 Phone' })
  phone!: string;
}
