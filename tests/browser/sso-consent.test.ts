// Teams single sign-on when consent comes first: the tab, framed by a stand-in for the Teams host (the
// teams-js message protocol over postMessage, on the tab's origin so teams-js trusts it), is told
// `resourceRequiresConsent` by getAuthToken. It must offer "Grant consent" rather than an error with
// Retry, open the consent pop-up (auth-consent.html) through authentication.authenticate, and, once
// the pop-up reports success, sign in with the token Teams now gives: the person's own view appears.
import assert from "node:assert/strict";
import type { Browser, Frame, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../support/app.js";
import { ensureTabBuilt, launchBrowser } from "../support/browser.js";
import { entraServerEnv, ENTRA, LocalIdentityProvider } from "../support/entra.js";

const MANAGER = "p-jari-toivonen";
const ORIGIN = "https://goal-forecast.test";

/** The host page: frames the tab and answers what teams-js asks (a string: tests have no DOM types). */
function hostPage(token: string): string {
  const runtime = { apiVersion: 4, supports: { app: {}, authentication: {}, pages: { config: {} } } };
  const context = {
    locale: "en-gb",
    theme: "default",
    frameContext: "content",
    hostClientType: "web",
    tid: ENTRA.TENANT,
    loginHint: "jari.toivonen@example.org",
    userPrincipalName: "jari.toivonen@example.org",
  };
  return `<!doctype html><html><body>
<iframe id="tab" src="/index.html" style="width:1200px;height:800px"></iframe>
<script>
  window.hostCalls = [];
  let consented = false;
  window.addEventListener("message", (event) => {
    const m = event.data;
    if (!m || typeof m.func !== "string") return;
    window.hostCalls.push({ func: m.func, args: m.args });
    const reply = (args) => event.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, event.origin);
    if (m.func === "initialize") reply(["content", "web", ${JSON.stringify(JSON.stringify(runtime))}, "2.58.0"]);
    else if (m.func === "getContext") reply([${JSON.stringify(context)}]);
    else if (m.func === "authentication.getAuthToken")
      reply(consented ? [true, ${JSON.stringify(token)}] : [false, "resourceRequiresConsent"]);
    else if (m.func === "authentication.authenticate") {
      consented = true; // the pop-up went through Entra ID and called notifySuccess
      reply([true, ""]);
    }
  });
</script></body></html>`;
}

describe("tab sign-in in Teams when consent is needed", function () {
  this.timeout(60_000);
  let app: TestApp;
  let browser: Browser;
  let idp: LocalIdentityProvider;
  let page: Page;

  before(async () => {
    ensureTabBuilt();
    idp = await LocalIdentityProvider.create();
    await idp.start();
    [app, browser] = await Promise.all([startTestApp(entraServerEnv(idp)), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await idp?.stop();
  });

  const tabFrame = (): Frame => {
    const frame = page.frames().find((f) => f.url().endsWith("/index.html"));
    assert.ok(frame, "the tab is framed");
    return frame;
  };

  it("offers Grant consent, opens the consent page, then signs in", async () => {
    const person = await app.stores.register.person(MANAGER);
    assert.ok(person);
    const token = await idp.token(person);
    page = await browser.newPage();
    // Teams only opens https pop-ups: the tab is served to the browser from an https origin that
    // passes every request on to the test server.
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = route.request().url();
      if (url === `${ORIGIN}/teams-host.html`) {
        return route.fulfill({ contentType: "text/html", body: hostPage(token) });
      }
      return route.fulfill({ response: await route.fetch({ url: app.url + url.slice(ORIGIN.length) }) });
    });
    await page.goto(`${ORIGIN}/teams-host.html`);

    const grant = tabFrame().getByRole("button", { name: "Grant consent" });
    await grant.waitFor();
    assert.equal(await tabFrame().getByRole("button", { name: "Try again" }).count(), 0, "no Retry");

    await grant.click();
    await tabFrame().getByText(person.displayName).first().waitFor();
    const calls = (await page.evaluate("window.hostCalls")) as { func: string; args: unknown[] }[];
    const authenticate = calls.find((c) => c.func === "authentication.authenticate");
    assert.ok(authenticate, "the consent pop-up was opened");
    assert.equal(new URL(String(authenticate.args[0])).pathname, "/auth-consent.html");
    assert.equal(calls.filter((c) => c.func === "authentication.getAuthToken").length, 2, "asked again");
  });

  it("serves the consent page, and tells it which app registration to ask consent for", async () => {
    const res = await fetch(`${app.url}/auth-consent.html`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<script type="module"[^>]*src="\/assets\/consent-/);
    const config = await app.api("/api/tab/config");
    assert.deepEqual((config.body as { entra?: unknown }).entra, {
      clientId: ENTRA.CLIENT_ID,
      tenantId: ENTRA.TENANT,
      authorityHost: "https://login.microsoftonline.com",
    });
  });
});
