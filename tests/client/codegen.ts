import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * What a portal team would run: the client preset over the committed SDL, with every custom scalar
 * mapped (`strictScalars` makes a new scalar without a mapping an error instead of `any`).
 */
const config: CodegenConfig = {
  schema: "../../schema.graphql",
  documents: ["operations/*.graphql", "generated/readme/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    "generated/gql/": {
      preset: "client",
      config: {
        strictScalars: true,
        scalars: {
          Date: "string",
          DateTime: "string",
          JSON: "unknown",
          Tenge: "number",
        },
        useTypeImports: true,
        enumsAsTypes: true,
      },
    },
  },
};

export default config;
