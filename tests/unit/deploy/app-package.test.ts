// The Teams app package: the manifest and its localization files filled from an environment validate
// offline against the official schemas bundled with @microsoft/app-manifest, the icons are what Teams
// requires, and the zip holds what Teams reads.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { PNG } from "pngjs";
import { parseCommand } from "../../../bot/src/checkin/commands.js";
import { ACCENT, drawColorIcon, drawOutlineIcon } from "../../../scripts/draw-icons.js";
import {
  buildAppPackage,
  fillPlaceholders,
  schemaErrors,
  zipAppPackage,
  type AppPackage,
} from "../../../scripts/lib/app-package.js";
import { envTemplate, placeholdersOf, ROOT } from "./project.js";
import { provisionedEnvironment } from "./samples.js";

interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  accentColor: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  staticTabs: { entityId: string; name?: string; contentUrl?: string; scopes: string[] }[];
  configurableTabs: { configurationUrl: string; scopes: string[]; canUpdateConfiguration?: boolean }[];
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
  localizationInfo: {
    defaultLanguageTag: string;
    additionalLanguages: { languageTag: string; file: string }[];
  };
  icons: { color: string; outline: string };
}

const LOCALIZATIONS = ["fi.json", "sv.json"] as const;
const json = (buffer: Buffer | undefined): Record<string, unknown> => {
  assert.ok(buffer, "file is in the package");
  return JSON.parse(buffer.toString("utf8")) as Record<string, unknown>;
};

describe("Teams app package", () => {
  let dev: AppPackage;
  let local: AppPackage;
  let manifest: Manifest;
  const env = provisionedEnvironment("dev");

  before(async () => {
    dev = await buildAppPackage(ROOT, env);
    local = await buildAppPackage(ROOT, provisionedEnvironment("local"));
    manifest = dev.manifest as unknown as Manifest;
  });

  it("validates offline against the official manifest and localization schemas, for dev and local", () => {
    assert.deepEqual(dev.problems, []);
    assert.deepEqual(local.problems, []);
  });

  it("is on a current manifest schema (1.17 or later) that @microsoft/app-manifest bundles", () => {
    const [major, minor] = manifest.manifestVersion.split(".").map(Number);
    assert.ok(major === 1 && (minor ?? 0) >= 17, `manifestVersion ${manifest.manifestVersion}`);
    assert.match(
      manifest.$schema,
      new RegExp(`/teams/v${manifest.manifestVersion}/MicrosoftTeams\\.schema\\.json$`),
    );
  });

  it("reports schema violations instead of passing them (the check has teeth)", async () => {
    const broken = { ...manifest, accentColor: "blue", bots: [{ ...manifest.bots[0], botId: "not-a-guid" }] };
    const errors = await schemaErrors(broken);
    assert.ok(
      errors.some((e) => e.startsWith("/accentColor")),
      errors.join("\n"),
    );
    assert.ok(
      errors.some((e) => e.startsWith("/bots/0/botId")),
      errors.join("\n"),
    );
    const localization = json(dev.files.get("fi.json"));
    const tooLong = await schemaErrors({ ...localization, "name.short": "x".repeat(31) });
    assert.ok(
      tooLong.some((e) => e.startsWith("/name.short")),
      tooLong.join("\n"),
    );
    const unknownKey = await schemaErrors({ ...localization, "bots[0].nonsense": "x" });
    assert.ok(unknownKey.length > 0, "a key the schema does not know is refused");
  });

  it("names every environment variable it needs, and both env templates define them", async () => {
    const used = new Set(
      ["manifest.json", ...LOCALIZATIONS].flatMap((f) => placeholdersOf(`appPackage/${f}`)),
    );
    for (const name of ["dev", "local"] as const) {
      const { values } = envTemplate(name);
      const undefinedHere = [...used].filter((v) => !(v in values));
      assert.deepEqual(undefinedHere, [], `env/.env.${name} defines every placeholder of the app package`);
    }
    const withoutBotId = await buildAppPackage(
      ROOT,
      Object.fromEntries(Object.entries(env).filter(([k]) => k !== "BOT_ID")),
    );
    assert.ok(withoutBotId.problems.some((p) => p.includes("${{BOT_ID}}") && p.includes("not defined")));
    assert.deepEqual(
      fillPlaceholders("a${{ X }}b${{Y}}c${{Z}}${{APP_NAME_SUFFIX}}", { X: "1", Z: "", APP_NAME_SUFFIX: "" }),
      { text: "a1b${{Y}}c${{Z}}", missing: ["Y"], empty: ["Z"] },
    );
  });

  it("has the bot in personal chat with help, status, report and language, each described", () => {
    const [bot] = manifest.bots;
    assert.ok(bot);
    assert.equal(bot.botId, env.BOT_ID);
    assert.deepEqual(bot.scopes, ["personal"]);
    const commands = bot.commandLists[0]?.commands ?? [];
    assert.deepEqual(
      commands.map((c) => c.title),
      ["help", "status", "report", "language"],
    );
    for (const c of commands) assert.ok(c.description.length >= 10, `${c.title} has a description`);
  });

  it("localizes name, description, commands and the dashboard tab in Finnish and Swedish, with words the bot understands", () => {
    assert.equal(manifest.localizationInfo.defaultLanguageTag, "en-us");
    // Generic tags so that sv-FI (Swedish speakers in Finland) gets Swedish as sv-SE does.
    assert.deepEqual(
      manifest.localizationInfo.additionalLanguages.map((l) => [l.languageTag, l.file]),
      [
        ["fi", "fi.json"],
        ["sv", "sv.json"],
      ],
    );
    const english = manifest.bots[0]?.commandLists[0]?.commands ?? [];
    const dashboard = manifest.staticTabs.findIndex((t) => t.entityId === "dashboard");
    for (const file of LOCALIZATIONS) {
      const strings = json(dev.files.get(file));
      for (const key of ["name.short", "name.full", "description.short", "description.full"]) {
        assert.ok(typeof strings[key] === "string" && strings[key] !== "", `${file}: ${key}`);
      }
      assert.ok(strings[`staticTabs[${dashboard}].name`], `${file}: dashboard tab name`);
      english.forEach((command, i) => {
        const title = strings[`bots[0].commandLists[0].commands[${i}].title`];
        const description = strings[`bots[0].commandLists[0].commands[${i}].description`];
        assert.equal(typeof title, "string", `${file}: command ${i} title`);
        assert.equal(typeof description, "string", `${file}: command ${i} description`);
        // Clicking a command sends its title: the bot must take it for the same command.
        assert.equal(parseCommand(title as string).command, command.title, `${file}: "${String(title)}"`);
      });
      assert.equal(Object.keys(strings).filter((k) => k.startsWith("bots[")).length, english.length * 2);
    }
  });

  it("has the personal dashboard, the chat, and a configurable team tab, all on the app's own https address", () => {
    const ids = manifest.staticTabs.map((t) => t.entityId);
    assert.ok(ids.includes("conversations"), "the bot's chat stays visible next to the tab");
    const dashboard = manifest.staticTabs.find((t) => t.entityId === "dashboard");
    assert.ok(dashboard);
    assert.ok(dashboard.contentUrl?.startsWith(`${env.TAB_ENDPOINT}/`));
    assert.deepEqual(dashboard.scopes, ["personal"]);
    const [team] = manifest.configurableTabs;
    assert.ok(team);
    assert.ok(team.configurationUrl.startsWith(`${env.TAB_ENDPOINT}/`));
    assert.deepEqual(team.scopes, ["team"]);
    assert.deepEqual(manifest.validDomains, [env.TAB_DOMAIN]);
  });

  it("names the SSO app in webApplicationInfo with the audience the server accepts", () => {
    assert.equal(manifest.webApplicationInfo.id, env.AAD_APP_CLIENT_ID);
    assert.equal(manifest.webApplicationInfo.resource, `api://${env.TAB_DOMAIN}/${env.AAD_APP_CLIENT_ID}`);
    const aad = readFileSync(join(ROOT, "aad.manifest.json"), "utf8");
    assert.ok(
      aad.includes('"api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}"'),
      "the Entra app exposes that URI",
    );
    // The tab's consent pop-up (tab/src/auth/consent-page.ts) is where Entra ID sends the person back.
    assert.ok(
      aad.includes('{ "url": "https://${{TAB_DOMAIN}}/auth-consent.html", "type": "Spa" }'),
      "the consent page is a redirect URI",
    );
  });

  it("zips manifest, icons and localization files at the archive's root", async () => {
    const zip = await JSZip.loadAsync(await zipAppPackage(dev));
    assert.deepEqual(Object.keys(zip.files).sort(), [
      "color.png",
      "fi.json",
      "manifest.json",
      "outline.png",
      "sv.json",
    ]);
    const packed = JSON.parse(await zip.file("manifest.json")!.async("string")) as Manifest;
    assert.equal(packed.id, env.TEAMS_APP_ID);
    assert.ok(!JSON.stringify(packed).includes("${{"), "no placeholder left");
    assert.deepEqual(
      await zip.file("outline.png")!.async("nodebuffer"),
      readFileSync(join(ROOT, "appPackage", "outline.png")),
    );
  });
});

describe("app icons", () => {
  const read = (file: string) => PNG.sync.read(readFileSync(join(ROOT, "appPackage", file)));

  it("colour icon: 192×192, opaque, on the manifest's accent colour", () => {
    const png = read("color.png");
    assert.equal(png.width, 192);
    assert.equal(png.height, 192);
    let accent = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      assert.equal(png.data[i + 3], 255, "every pixel is opaque");
      if (png.data[i] === ACCENT.r && png.data[i + 1] === ACCENT.g && png.data[i + 2] === ACCENT.b) accent++;
    }
    assert.ok(accent > (192 * 192) / 2, "mostly the accent colour");
    const manifest = JSON.parse(readFileSync(join(ROOT, "appPackage", "manifest.json"), "utf8")) as Manifest;
    const hex = `#${[ACCENT.r, ACCENT.g, ACCENT.b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
    assert.equal(manifest.accentColor.toLowerCase(), hex);
    // Teams asks for the symbol inside the central safe area: the outer 16 px are background only.
    for (let y = 0; y < 192; y++) {
      for (let x = 0; x < 192; x++) {
        if (x >= 16 && x < 176 && y >= 16 && y < 176) continue;
        const i = (y * 192 + x) * 4;
        assert.deepEqual(
          [png.data[i], png.data[i + 1], png.data[i + 2]],
          [ACCENT.r, ACCENT.g, ACCENT.b],
          `(${x},${y})`,
        );
      }
    }
  });

  it("outline icon: 32×32, white on a transparent background, nothing else", () => {
    const png = read("outline.png");
    assert.equal(png.width, 32);
    assert.equal(png.height, 32);
    let transparent = 0;
    let solid = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const alpha = png.data[i + 3] ?? 0;
      if (alpha === 0) transparent++;
      else
        assert.deepEqual(
          [png.data[i], png.data[i + 1], png.data[i + 2]],
          [255, 255, 255],
          "visible pixels are white",
        );
      if (alpha === 255) solid++;
    }
    assert.ok(transparent > 32 * 32 * 0.4, `mostly transparent (${transparent})`);
    assert.ok(solid > 32 * 32 * 0.1, `a visible symbol (${solid})`);
    assert.equal(png.data[3], 0, "the corner is transparent");
  });

  it("are what scripts/draw-icons.ts draws (regenerate with `npm run icons`)", () => {
    for (const [file, draw] of [
      ["color.png", drawColorIcon],
      ["outline.png", drawOutlineIcon],
    ] as const) {
      assert.ok(read(file).data.equals(draw().data), `${file} is up to date`);
    }
  });
});
