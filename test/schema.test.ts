import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isInputObjectType, isInterfaceType, isObjectType, isEnumType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildHubSchema } from '../src/graphql/schema';
import { renderSchema } from '../src/graphql/sdl';

const HAN = /[\u4e00-\u9fff]/;
const LATIN = /[A-Za-z]/;

describe('the GraphQL schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildHubSchema();
  });

  it('matches the checked-in schema/schema.graphql (run `npm run schema` after changing the API)', async () => {
    const checkedIn = readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8');
    expect(await renderSchema()).toBe(checkedIn);
  });

  it('authorises every query, mutation and subscription explicitly (deny by default)', () => {
    const storage = getMetadataStorage();
    const roots = [...storage.queries, ...storage.mutations, ...storage.subscriptions];
    expect(roots.length).toBeGreaterThan(5);
    const unguarded = roots.filter((root) => !storage.authorizedFields.some((a) => a.target === root.target && a.fieldName === root.methodName));
    expect(unguarded.map((r) => r.schemaName)).toEqual([]);
  });

  it('describes every type, field, argument and enum value in Chinese and English', () => {
    const missing: string[] = [];
    const bilingual = (text: string | null | undefined) => !!text && HAN.test(text) && LATIN.test(text);
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (['DateTime', 'JSONObject'].includes(type.name)) continue; // graphql-scalars' own descriptions
      if (!bilingual(type.description)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!bilingual(field.description)) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!bilingual(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!bilingual(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
