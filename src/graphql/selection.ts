import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields a resolver's selection asks for at `path` below the current field
 * (e.g. `['edges', 'node']` of a connection; `[]`: the field's own selection), across aliases,
 * fragments and inline fragments, whatever their type conditions and @include/@skip — a superset of
 * what execution will resolve, so a read that loads less from it never misses what is asked.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const names = new Set<string>();
  const collect = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): void => {
    if (!set) return;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (depth === path.length) names.add(selection.name.value);
        else if (selection.name.value === path[depth]) collect(selection.selectionSet, depth + 1, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet, depth, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = info.fragments[selection.name.value];
        if (fragment) collect(fragment.selectionSet, depth, new Set(seen).add(selection.name.value));
      }
    }
  };
  for (const node of info.fieldNodes as readonly FieldNode[]) collect(node.selectionSet, 0, new Set());
  return names;
}
