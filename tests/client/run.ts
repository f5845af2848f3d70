/**
 * A portal's typical operations through Apollo Client 4 against a live Seriktes API with the demo
 * region loaded: answers have the shapes the generated types promise, pages merge through
 * `relayStylePagination`, and a mutation's payload updates the cached object with no refetch.
 *
 * Environment: SERIKTES_API_URL (the /graphql endpoint) and SERIKTES_TOKEN (a coordinator token,
 * for the mutation). Exits non-zero with the failed check on the first failure.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import type { DocumentNode, OperationDefinitionNode } from "graphql";
import { buildSchema, isAbstractType } from "graphql";
import { relayStylePagination } from "@apollo/client/utilities";
import { filter, firstValueFrom } from "rxjs";
import { useFragment as unmask } from "./generated/gql/fragment-masking";
import * as generated from "./generated/gql/graphql";
import type { OrganizationCardFragment } from "./generated/gql/graphql";
import {
  DashboardDocument,
  EditOrganizationDocument,
  OrganizationCardFragmentDoc,
  OrganizationProfileDocument,
  OrganizationsPageDocument,
  PartnerSuggestionsDocument,
  SearchOrganizationsDocument,
} from "./generated/gql/graphql";

const HOUSE_OF_NGOS = "181140002007";
const KIND_CLUB = { bin: "160540012311", name: "Клуб добряков Павлодара" };
const VETERANS = "920340008106";
const REGION = "550000000";

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

/** Union and interface members from the committed SDL, so the cache matches fragments exactly. */
function possibleTypes(): Record<string, string[]> {
  const here = dirname(fileURLToPath(import.meta.url));
  const schema = buildSchema(readFileSync(join(here, "..", "..", "schema.graphql"), "utf8"));
  const result: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type) && !type.name.startsWith("__")) {
      result[type.name] = schema.getPossibleTypes(type).map((t) => t.name);
    }
  }
  return result;
}

/** Operation names sent over the network, in order: reads from the cache add nothing here. */
const sent: string[] = [];

const client = new ApolloClient({
  link: new HttpLink({
    uri: env("SERIKTES_API_URL"),
    headers: { authorization: `Bearer ${env("SERIKTES_TOKEN")}` },
    fetch: (input, init) => {
      sent.push(String(JSON.parse(String(init?.body)).operationName));
      return fetch(input, init);
    },
  }),
  cache: new InMemoryCache({
    possibleTypes: possibleTypes(),
    typePolicies: {
      Query: {
        fields: { organizations: relayStylePagination(["where", "orderBy", "includeArchived"]) },
      },
    },
  }),
  clientAwareness: { name: "seriktes-client-check", version: "1" },
});

function inUnitInterval(value: number | null | undefined, what: string): void {
  if (value == null) return;
  assert.ok(value >= 0 && value <= 1, `${what} = ${value}, not in [0, 1]`);
}

function descending(values: number[], what: string): void {
  values.forEach((v, i) => {
    const previous = values[i - 1];
    if (previous !== undefined) assert.ok(previous >= v, `${what} not descending: ${values}`);
  });
}

async function listWithRelayStylePagination(): Promise<string[]> {
  const query = client.watchQuery({
    query: OrganizationsPageDocument,
    variables: { first: 5, orderBy: { field: "NAME", direction: "ASC" } },
  });
  const first = await firstValueFrom(query.pipe(filter((r) => !r.loading)));
  assert.ok(first.dataState === "complete", `no first page: ${String(first.error)}`);
  const page1 = first.data.organizations;
  assert.equal(page1.edges.length, 5);
  assert.ok(page1.totalCount >= 300, `totalCount ${page1.totalCount}: is the demo region loaded?`);
  assert.ok(page1.pageInfo.hasNextPage && page1.pageInfo.endCursor);

  const more = await query.fetchMore({ variables: { after: page1.pageInfo.endCursor } });
  assert.ok(more.data, "no second page");
  const page2 = more.data.organizations;
  assert.equal(page2.edges.length, 5);

  const current = query.getCurrentResult();
  assert.ok(current.dataState === "complete", "no merged result");
  const merged = current.data;
  const cards = merged.organizations.edges.map((e) => unmask(OrganizationCardFragmentDoc, e.node));
  const ids = cards.map((c) => c.id);
  assert.equal(ids.length, 10, "relayStylePagination did not merge the two pages");
  assert.equal(new Set(ids).size, 10, `a page repeated an organisation: ${ids}`);
  assert.deepEqual(
    ids,
    [...page1.edges, ...page2.edges].map((e) => unmask(OrganizationCardFragmentDoc, e.node).id),
  );
  assert.equal(merged.organizations.pageInfo.endCursor, page2.pageInfo.endCursor);
  for (const card of cards) {
    assert.match(card.bin, /^\d{12}$/);
    assert.ok(card.name.length > 0);
  }
  return [`list: 2 pages of 5 merged into 10 of ${page1.totalCount}`];
}

async function profile(): Promise<string[]> {
  const { data } = await client.query({
    query: OrganizationProfileDocument,
    variables: { bin: HOUSE_OF_NGOS },
  });
  const org = data?.organization;
  assert.ok(org, `no organisation ${HOUSE_OF_NGOS}`);
  const card = unmask(OrganizationCardFragmentDoc, org);
  assert.equal(card.bin, HOUSE_OF_NGOS);
  assert.equal(card.kind, "RESOURCE_CENTER");
  assert.ok(card.territory?.id, "no territory");
  assert.ok(org.focusAreas.length > 0, "no focus areas");
  inUnitInterval(org.fundingProfile.stateShare, "fundingProfile.stateShare");
  assert.ok(org.fundingProfile.totalKzt >= org.fundingProfile.stateKzt);
  inUnitInterval(org.metrics.activity.score, "metrics.activity.score");
  assert.ok(org.projects.edges.length > 0, "no projects");
  for (const edge of org.fundingsReceived.edges) {
    const funder = edge.node.funder;
    assert.ok(["Akimat", "Organization", "Donor"].includes(funder.__typename), funder.__typename);
    assert.ok(funder.name.length > 0);
  }
  assert.ok(client.cache.identify({ __typename: "Organization", id: card.id }));
  return [
    `profile: ${card.name}: ${org.projects.edges.length} projects, ` +
      `${org.partners.totalCount} partners, ${org.fundingsReceived.edges.length} fundings`,
  ];
}

async function search(): Promise<string[]> {
  const { data } = await client.query({
    query: SearchOrganizationsDocument,
    variables: { query: "klub dobryakov", first: 5 },
  });
  const hits = data?.search ?? [];
  assert.ok(hits.length > 0, "no hits for 'klub dobryakov'");
  assert.equal(hits[0]?.organization.bin, KIND_CLUB.bin);
  assert.equal(hits[0]?.organization.name, KIND_CLUB.name);
  assert.equal(hits[0]?.relevance, 1, "the best hit's relevance is not 1");
  hits.forEach((h) => inUnitInterval(h.relevance, "search relevance"));
  return [`search: ${hits.length} hits, first ${hits[0]?.matchedName}`];
}

async function suggestions(): Promise<string[]> {
  const { data } = await client.query({
    query: PartnerSuggestionsDocument,
    variables: { bin: VETERANS, first: 5, filter: { kinds: ["YOUTH_GROUP"] } },
  });
  const page = data?.organization?.partnerSuggestions;
  assert.ok(page, `no suggestions for ${VETERANS}`);
  const list = page.edges.map((e) => e.node);
  assert.ok(list.length > 0 && list.length <= 5, `${list.length} suggestions`);
  for (const s of list) {
    inUnitInterval(s.score, "suggestion score");
    assert.equal(s.organization.kind, "YOUTH_GROUP");
    assert.equal(s.alreadyPartners, false);
    assert.ok(s.reasons.length > 0, "a suggestion without reasons");
    const total = s.reasons.reduce((sum, r) => sum + r.contribution, 0);
    assert.ok(Math.abs(total - s.score) < 1e-6, `contributions ${total} != score ${s.score}`);
    for (const r of s.reasons) {
      if (r.kind === "SAME_TERRITORY") assert.ok(r.territory?.kato, "SAME_TERRITORY, no territory");
      if (r.kind === "COMPLEMENTARY_KINDS") assert.ok(r.complementKind, "no complementKind");
    }
  }
  descending(
    list.map((s) => s.score),
    "suggestion scores",
  );
  return [`suggestions: ${list.length}, best ${list[0]?.score.toFixed(3)}`];
}

async function dashboard(): Promise<string[]> {
  const { data } = await client.query({
    query: DashboardDocument,
    variables: { territory: REGION, kato: REGION, year: 2021 },
  });
  assert.ok(data, "no dashboard");
  assert.equal(data.viewer.authenticated, true);
  assert.equal(data.viewer.accessLevel, "STEWARD");
  assert.deepEqual(
    data.regions.map((r) => r.kato),
    [REGION],
  );
  inUnitInterval(data.regions[0]?.report.stateShare, "region stateShare");
  assert.ok(data.focusAreas.length > 0);
  const regionKinds = data.regions[0]?.report.kinds ?? [];
  assert.ok(regionKinds.length > 0, "no kinds in the region's report");
  const byKind = data.dashboard.kindCounts;
  const counted = byKind.reduce((sum, k) => sum + k.count, 0);
  assert.ok(counted > 0 && counted <= data.organizations.totalCount, `${counted} by kind`);
  for (const k of byKind) {
    assert.equal(k.territory.kato.slice(0, 2), REGION.slice(0, 2), `${k.territory.kato} outside`);
  }
  const totals = data.dashboard.fundingTotals;
  assert.ok(totals.length > 0, "no funding totals");
  totals.forEach((t) => assert.ok(t.mechanism, "a total grouped by mechanism without one"));
  const active = (data.territory?.activeOrganizations?.edges ?? []).map((e) => e.node);
  assert.ok(active.length > 0, "no active youth groups");
  active.forEach((a) => inUnitInterval(a.score, "activity score"));
  descending(
    active.map((a) => a.score),
    "activity scores",
  );
  const parts = active.flatMap((a) => a.components.map((c) => c.component));
  assert.ok(parts.length > 0, "activity scores without components");
  return [`dashboard: 6 root fields, ${data.organizations.totalCount} organisations`];
}

async function mutationUpdatesTheCache(): Promise<string[]> {
  const cached = client.readQuery({
    query: OrganizationProfileDocument,
    variables: { bin: HOUSE_OF_NGOS },
  });
  assert.ok(cached?.organization, "the profile is not in the cache");
  const before = unmask(OrganizationCardFragmentDoc, cached.organization);
  const id = client.cache.identify({ __typename: "Organization", id: before.id });
  assert.ok(id, "the organisation cannot be normalised");
  const original = before.staff ?? 0;

  for (const staff of [original + 1, original]) {
    const requests = sent.length;
    const { data } = await client.mutate({
      mutation: EditOrganizationDocument,
      variables: { input: { organization: before.id, staff } }, // the id the client holds
    });
    assert.equal(data?.editOrganization?.organization.id, before.id);
    assert.deepEqual(sent.slice(requests), ["EditOrganization"], "a mutation is one request");

    const card: OrganizationCardFragment | null = client.cache.readFragment({
      id,
      fragment: OrganizationCardFragmentDoc,
      fragmentName: "OrganizationCard",
    });
    assert.equal(card?.staff, staff, "the cached organisation was not updated");
    const page = await client.query({
      query: OrganizationProfileDocument,
      variables: { bin: HOUSE_OF_NGOS },
      fetchPolicy: "cache-only",
    });
    const profile = page.data?.organization;
    assert.ok(profile, "the cached profile is gone");
    assert.equal(unmask(OrganizationCardFragmentDoc, profile).staff, staff);
    assert.equal(sent.length, requests + 1, `refetched: ${sent.slice(requests)}`);
  }
  return [`mutation: staff ${original} → ${original + 1} → ${original} in the cache, no refetch`];
}

function operationOf(document: DocumentNode): OperationDefinitionNode {
  const operation = document.definitions.find((d) => d.kind === "OperationDefinition");
  assert.ok(operation, "no operation");
  return operation;
}

/** README examples as printed: the queries first, then the mutations (they write, so last). */
async function readmeExamples(): Promise<string[]> {
  const lines: string[] = [];
  const examples = Object.entries(generated)
    .filter(([name]) => /^Readme\d+Document$/.test(name))
    .map(([name, document]) => [name, document as DocumentNode] as const);
  assert.ok(examples.length > 0, "no README examples were generated");
  const isQuery = (d: DocumentNode) => operationOf(d).operation === "query";
  for (const [name, document] of examples.filter(([, d]) => isQuery(d))) {
    const { data } = await client.query({ query: document, fetchPolicy: "network-only" });
    assert.ok(data, `${name}: no data`);
    lines.push(`readme: ${name} ran`);
  }
  for (const [name, document] of examples.filter(([, d]) => !isQuery(d))) {
    assert.equal(operationOf(document).operation, "mutation", `${name}: not a query or mutation`);
    const { data } = await client.mutate({ mutation: document });
    assert.ok(data, `${name}: no data`);
    for (const [field, payload] of Object.entries(data as Record<string, unknown>)) {
      assert.ok(payload, `${name}: ${field} returned null`);
    }
    lines.push(`readme: ${name} (mutation) ran`);
  }
  return lines;
}

const steps: [string, () => Promise<string[]>][] = [
  ["organisations list (relayStylePagination)", listWithRelayStylePagination],
  ["organisation profile", profile],
  ["search", search],
  ["partner suggestions", suggestions],
  ["dashboard", dashboard],
  ["mutation updates the cache", mutationUpdatesTheCache],
  ["README examples", readmeExamples],
];

let failed = false;
for (const [name, step] of steps) {
  const started = performance.now();
  try {
    const lines = await step();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    for (const line of lines) console.log(`ok   ${line} (${name}: ${seconds} s)`);
  } catch (error) {
    failed = true;
    console.error(`FAIL ${name}: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
client.stop();
process.exitCode = failed ? 1 : 0;
