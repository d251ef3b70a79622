// How failures of the Bot Connector become the outcomes the round dispatcher acts on.
import assert from "node:assert/strict";
import { describeConnectorError, outcomeOf, parseRetryAfter } from "../../../bot/src/teams/errors.js";

/** A failure shaped like what @azure/core-rest-pipeline's RestError carries. */
function restError(status: number, body: unknown, headers: Record<string, string> = {}) {
  const map = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.assign(new Error(`status ${status}`), {
    name: "RestError",
    statusCode: status,
    response: {
      status,
      bodyAsText: JSON.stringify(body),
      headers: { get: (n: string) => map.get(n.toLowerCase()) },
    },
  });
}

describe("connector failures as send outcomes", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    assert.equal(parseRetryAfter("3"), 3000);
    assert.equal(parseRetryAfter("0.5"), 500);
    assert.equal(
      parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")),
      5000,
    );
    assert.equal(parseRetryAfter("soon"), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });

  it("maps 429 to throttled, with the wait when Teams gave one", () => {
    assert.deepEqual(outcomeOf(describeConnectorError(restError(429, {}, { "Retry-After": "2" }))), {
      kind: "throttled",
      retryAfterMs: 2000,
    });
    assert.deepEqual(outcomeOf(describeConnectorError(restError(429, {}))), { kind: "throttled" });
  });

  it("maps each documented 403 code to its unreachable reason, an unknown one to not installed", () => {
    const reason = (code: string) => {
      const o = outcomeOf(describeConnectorError(restError(403, { error: { code, message: "x" } })));
      return o.kind === "unreachable" ? o.reason : o.kind;
    };
    assert.equal(reason("ConversationBlockedByUser"), "blockedByUser");
    assert.equal(reason("BotNotInConversationRoster"), "notInstalled");
    assert.equal(reason("BotDisabledByAdmin"), "disabledByAdmin");
    assert.equal(reason("SomethingNew"), "notInstalled");
  });

  it("maps 404 to conversationNotFound, 401 to unauthorized, 412 and 5xx to transient", () => {
    const kind = (status: number) => outcomeOf(describeConnectorError(restError(status, {}))).kind;
    assert.equal(kind(404), "unreachable");
    assert.equal(kind(401), "unauthorized");
    for (const status of [412, 500, 502, 503, 504]) assert.equal(kind(status), "transient");
  });

  it("treats a network failure without a status as transient", () => {
    const o = outcomeOf(
      describeConnectorError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
    );
    assert.equal(o.kind, "transient");
  });
});
