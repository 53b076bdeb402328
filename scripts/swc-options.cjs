// One set of SWC options for the build (scripts/build.mjs) and for jest (@swc/jest),
// so tests run exactly the code `npm start` runs. Decorator metadata is required by
// MikroORM's ReflectMetadataProvider and type-graphql.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: true,
};
