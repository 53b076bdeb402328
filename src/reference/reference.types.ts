import { Field, ObjectType } from 'type-graphql';
import type { Liaison } from '../entities/department';
import { LiaisonRole } from './vocabulary';

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
