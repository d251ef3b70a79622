import assert from "node:assert/strict";
import { registeredRoutes } from "../../bot/src/api/openapi.js";
import { ENDPOINTS, findEndpoint, isFileResponse } from "@goal-forecast/core/contract";
import { startTestApp, type TestApp } from "../support/app.js";

interface OpenApiDoc {
  openapi: string;
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, unknown>; "x-access": string }>
  >;
  components: { schemas: Record<string, unknown> };
}

/** Every "$ref" in a JSON value. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : refs(v)));
  }
  return [];
}

describe("GET /api/openapi.json", () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  it("describes every route the server registers, and only those", async () => {
    const routes = registeredRoutes(app.server);
    assert.ok(routes.length >= 15, `found ${routes.length} routes`);
    const undescribed = routes.filter((r) => !findEndpoint(r.method, r.path));
    assert.deepEqual(
      undescribed.map((r) => `${r.method.toUpperCase()} ${r.path}`),
      [],
      "declare these routes in core/src/contract",
    );

    const { status, body } = await app.api("/api/openapi.json");
    assert.equal(status, 200);
    const doc = body as OpenApiDoc;
    assert.equal(doc.openapi, "3.1.0");
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path.replace(/\{([^}]+)\}/g, ":$1")}`),
    );
    assert.deepEqual(listed.sort(), routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it("is a well-formed OpenAPI 3.1 document: unique operation ids, resolvable refs, responses everywhere", async () => {
    const doc = (await app.api("/api/openapi.json")).body as OpenApiDoc;
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    assert.equal(new Set(ids).size, ids.length);
    for (const ref of refs(doc)) {
      const name = ref.replace("#/components/schemas/", "");
      assert.ok(
        ref.startsWith("#/components/schemas/") && name in doc.components.schemas,
        `unresolved ${ref}`,
      );
    }
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        assert.ok(Object.keys(op.responses).length > 0, `${method} ${path} has responses`);
        assert.ok(op["x-access"], `${method} ${path} says who may call it`);
      }
    }
    // The schemas come from zod: the report body keeps its limits and enums.
    const body = JSON.stringify(doc.components.schemas.SaveReportBody);
    assert.match(body, /"submit"/);
    assert.match(body, /maxLength/);
  });

  it("answers the documented shapes on the demo data", async () => {
    const manager = await app.tokenFor("p-jari-toivonen");
    const calls: [string, string][] = [
      ["get", "/api/me"],
      ["get", "/api/themes"],
      ["get", "/api/goals?year=2020"],
      ["get", "/api/goals/2020-liikkumisohjelma"],
      ["get", "/api/people"],
      ["get", "/api/rounds"],
      ["get", "/api/rounds/2020-2"],
      ["get", "/api/rounds/2020-2/overview"],
      ["get", "/api/rounds/2020-2/reports"],
      ["get", "/api/rounds/2020-2/reports/2020-biennaali"],
      ["get", "/api/goals/2020-liikkumisohjelma/subjects/2020-liikkumisohjelma-nuoret/history"],
      ["get", "/api/rounds/2020-2/compare/2020-1"],
      ["get", "/api/health"],
      ["get", "/api/tab/config"],
      ["get", "/api/dev/people"],
    ];
    for (const [method, url] of calls) {
      const path = url.split("?")[0] ?? url;
      const op = ENDPOINTS.find(
        (o) =>
          o.method === method &&
          new RegExp(`^${o.path.replace(/:[A-Za-z]+/g, "[^/]+").replace(/\./g, "\\.")}$`).test(path),
      );
      assert.ok(op?.response && !isFileResponse(op.response), `${url} is declared with a response schema`);
      const { status, body } = await app.api(url, { token: manager });
      assert.equal(status, 200, url);
      const parsed = op.response.safeParse(body);
      assert.ok(parsed.success, `${url}: ${parsed.success ? "" : parsed.error.message.slice(0, 500)}`);
    }
  });

  it("tells an unknown API route from a missing record", async () => {
    const manager = await app.tokenFor("p-jari-toivonen");
    const unknown = await app.api("/api/no-such-thing", { token: manager });
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body as { error: { unknownRoute?: boolean } }).error.unknownRoute, true);
    const missing = await app.api("/api/rounds/1999-9", { token: manager });
    assert.equal(missing.status, 404);
    assert.equal((missing.body as { error: { unknownRoute?: boolean } }).error.unknownRoute, undefined);
  });
});
