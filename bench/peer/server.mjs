// @neo4j/graphql 7 on Apollo Server 5, one Node process: the peer Seriktes is benchmarked
// against (bench/peer_bench.py). Reads NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE
// and PEER_PORT; answers POST /graphql (Apollo's standalone server: node:http, no Express).
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`peer: the environment variable ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const typeDefs = readFileSync(new URL("./schema.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(
  required("NEO4J_URI"),
  neo4j.auth.basic(required("NEO4J_USER"), required("NEO4J_PASSWORD")),
);
const database = process.env.NEO4J_DATABASE || "neo4j";
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const port = Number(process.env.PEER_PORT || 4000);
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port },
  context: async () => ({ sessionConfig: { database } }),
});
console.log(`peer: @neo4j/graphql listening at ${url}`);

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  });
}
