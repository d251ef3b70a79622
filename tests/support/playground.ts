// Microsoft 365 Agents Playground (a Teams-like client nobody here wrote), run offline against the
// real server, and driven through headless Chromium. The Playground is pre-release and minified:
// every selector it needs lives in PlaygroundChat below, so a new Playground version touches one place.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { freePort } from "../../scripts/lib/azurite.js";
import { launchBrowser } from "./browser.js";

/**
 * Debian's Chromium through playwright-core, as the tab's browser tests launch it (tests/support/browser.ts);
 * `npm test` installs it when missing (scripts/ensure-test-tools.sh).
 */
export const launchChromium = launchBrowser;

export interface PlaygroundUser {
  id: string;
  name: string;
  upn: string;
  aadObjectId: string;
}

export interface Playground {
  url: string;
  stop(): Promise<void>;
  /** What the Playground printed, for failure messages. */
  output(): string;
}

/**
 * The Playground's mock data: the signed-in user (a register person, so the bot links them by UPN
 * through its member lookup), the tenant and the bot. Its schema asks for at least five other users.
 */
function configYaml(tenantId: string, user: PlaygroundUser): string {
  const others = Array.from({ length: 5 }, (_, i) => [
    `  - id: user-other-${i + 1}`,
    `    name: Other User ${i + 1}`,
    `    userPrincipleName: other${i + 1}@example.org`,
    `    aadObjectId: 00000000-0000-4000-8000-00000000010${i + 1}`,
    `    givenName: Other`,
    `    surname: User${i + 1}`,
    `    email: other${i + 1}@example.org`,
  ]).flat();
  const [given = user.name, ...rest] = user.name.split(" ");
  return [
    'version: "0.1.1"',
    `tenantId: ${tenantId}`,
    "bot:",
    "  id: 00000000-0000-4000-8000-000000000b07",
    "  name: Goal Forecast",
    "currentUser:",
    `  id: ${user.id}`,
    `  name: ${user.name}`,
    // (sic) the Playground's schema spells it this way.
    `  userPrincipleName: ${user.upn}`,
    `  aadObjectId: ${user.aadObjectId}`,
    `  givenName: ${given}`,
    `  surname: ${rest.join(" ") || given}`,
    `  email: ${user.upn}`,
    "users:",
    ...others,
    "personalChat:",
    `  id: personal-chat-${user.id}`,
    "groupChat:",
    "  id: group-chat",
    "  name: Group Chat",
    "team:",
    "  id: team-id",
    "  name: My Team",
    "  aadGroupId: 00000000-0000-4000-8000-000000000031",
    "  channels:",
    "    - id: channel-general",
    "      name: General",
    "",
  ].join("\n");
}

/** Starts the Playground CLI (offline, telemetry off) pointed at the bot endpoint; its files go to a temp dir. */
export async function startPlayground(
  botEndpoint: string,
  user: PlaygroundUser,
  tenantId: string,
): Promise<Playground> {
  const dir = mkdtempSync(join(tmpdir(), "gf-playground-"));
  const configPath = join(dir, ".m365agentsplayground.yml");
  writeFileSync(configPath, configYaml(tenantId, user));
  const port = await freePort();
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve("@microsoft/m365agentsplayground/package.json")), "cli.js");
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, "-e", botEndpoint, "-c", "msteams", "-p", String(port), "--dt"],
    {
      cwd: dir,
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        MSAPPTESTER_LOGFILE: join(dir, "playground.log"),
        BROWSER: "none",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://localhost:${port}/`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      try {
        process.kill(-child.pid, "SIGTERM"); // the process group we started, by its id
      } catch {
        /* already gone */
      }
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Ready when its page answers; it prints "Listening" before it is, and exits on a bad config.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the Playground exited: ${output}`);
    }
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Playground did not start in 30 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop, output: () => output };
}

/** The Playground's chat as a person uses it: type, read the bot's cards, press their buttons, fill inputs. */
export class PlaygroundChat {
  constructor(readonly page: Page) {}

  /** The newest Adaptive Card in the conversation (cards update in place on Universal Actions). */
  lastCard(): Locator {
    return this.page.locator(".ac-adaptiveCard").last();
  }

  async say(text: string): Promise<void> {
    const box = this.page.locator("[contenteditable=true]").first();
    await box.click();
    await box.fill(text);
    await this.page.getByRole("button", { name: /send message/i }).click();
  }

  /** Waits until the newest card shows this text. */
  async cardShows(text: string | RegExp, timeout = 15_000): Promise<Locator> {
    const card = this.lastCard();
    await card.getByText(text).first().waitFor({ state: "visible", timeout });
    return card;
  }

  async press(name: string | RegExp, nth = 0): Promise<void> {
    await this.lastCard()
      .getByRole("button", { name, exact: typeof name === "string" })
      .nth(nth)
      .click();
  }

  async fillNumber(label: RegExp, value: string): Promise<void> {
    await this.lastCard().getByRole("spinbutton", { name: label }).fill(value);
  }

  async fillText(label: RegExp, value: string): Promise<void> {
    await this.lastCard().getByRole("textbox", { name: label }).fill(value);
  }

  async choose(label: RegExp, option: string, nth = 0): Promise<void> {
    await this.lastCard().getByRole("combobox", { name: label }).nth(nth).click();
    await this.page.getByRole("option", { name: option, exact: true }).click();
  }

  async pick(option: string): Promise<void> {
    await this.lastCard().getByRole("radio", { name: option, exact: true }).check();
  }
}
