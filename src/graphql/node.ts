import { Field, ID, InterfaceType } from 'type-graphql';
import { toGlobalId } from '../common/relay';

/**
 * Relay Node: every entity exposed by ID extends this. The global ID is opaque
 * (base64url of "Type:id") and `node(id)` resolves it back.
 */
@InterfaceType('Node', {
  description: '可按全局 ID 获取的对象 An object with an opaque global ID (Relay Node)',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  abstract id: number;

  @Field(() => ID, { name: 'id', description: '全局唯一 ID Opaque global ID' })
  get globalId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }
}
