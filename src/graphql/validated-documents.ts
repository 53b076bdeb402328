import { parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';

type Checked = { document: DocumentNode; errors: readonly GraphQLError[] } | { syntaxError: string };

/** Distinct operation texts remembered (subscriptions come in few shapes, from many clients). */
const MAX_ENTRIES = 500;

/**
 * Parse and validation (the schema's rules and the extra ones) once per distinct operation text:
 * ten thousand clients reconnecting with the same subscription cost one validation, not ten
 * thousand. Results depend only on the text (the schema is fixed), so they can be reused.
 */
export class ValidatedDocuments {
  private readonly cache = new Map<string, Checked>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly extraRules: readonly ValidationRule[],
  ) {}

  /** `parsed`: the document already parsed from `query` (graphql/preflight.ts), so it is not parsed twice. */
  get(query: string, parsed?: DocumentNode): Checked {
    const hit = this.cache.get(query);
    if (hit) return hit;
    let checked: Checked;
    try {
      const document = parsed ?? parse(query);
      checked = { document, errors: [...validate(this.schema, document), ...validate(this.schema, document, this.extraRules)] };
    } catch (error) {
      checked = { syntaxError: (error as Error).message };
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(query, checked);
    return checked;
  }
}
