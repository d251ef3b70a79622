// The round administration CLI for scripts: `npm run admin -- <command>` talks to the REST API of a
// running server (the same routes as the tab's admin view, called through core/src/contract).
// Exit codes: 0 done, 1 the API refused or could not be reached (its message is printed), 2 bad usage,
// 3 `audit verify` found the audit trail broken.
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import { parseArgs } from "node:util";
import { contract } from "@goal-forecast/core/contract";
import type { StoredRound as Round } from "@goal-forecast/core/contract/documents";
import type { Reachability, RoundProgress } from "@goal-forecast/core/contract/rounds";
import type { RESENDABLE } from "@goal-forecast/core/domain/delivery";
import { ApiClient, ApiError } from "./lib/api-client.js";
import { verifyAudit } from "./lib/audit-verify.js";
import { storageSettingsFrom } from "./lib/storage-settings.js";

const HELP = `Goal Forecast admin CLI: npm run admin -- <command> [options]

Commands
  rounds list                                   every round, oldest first
  rounds create --year Y --number N --due DATE  create a round (in preparation until opened)
         [--goals id,id] [--name-fi T] [--name-sv T] [--name-en T] [--reminder-days 7,2,0]
  rounds open <roundId>                         open: sends every owner and preparer their check-in
  rounds remind <roundId>                       remind those whose report is missing or a draft
  rounds extend <roundId> --due DATE            move the due date later
  rounds close|reopen|freeze <roundId> [--reason T]
  rounds progress <roundId>                     delivery and response counts, who was not reached and why
  rounds resend <roundId> [--states failed,unreachable,notInDirectory,consentMissing,inDoubt]
  rounds reach <roundId>                        who can be reached in Teams, who will get the app installed
  rounds prepare <roundId>                      resolve in Entra ID and install the app ahead of the round
  export <roundId> --format xlsx|csv|pptx --out FILE [--lang fi|sv|en] [--theme id,id] [--goal id,id]
  audit verify [--month YYYY-MM,…] [--prefix P]  check the audit trail's hash chain straight in storage
         (AZURE_STORAGE_CONNECTION_STRING or AZURE_TABLES_URL, STORAGE_PREFIX); exit 3 when broken

Options
  --url URL        server (default http://localhost:3978)
  --token T        bearer token (an Entra token in production); default: $GOAL_FORECAST_TOKEN
  --as PERSON_ID   development server only: sign in as this register person (dev token issuer)
  --lang fi|sv|en  language of the API's messages and of exported text
  --json           print the API's JSON answer (for scripts)
  -h, --help       this help

DATE is YYYY-MM-DD (16:00 Finnish time that day) or an ISO date-time with offset.`;

const OPTIONS = {
  url: { type: "string" },
  token: { type: "string" },
  as: { type: "string" },
  lang: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  year: { type: "string" },
  number: { type: "string" },
  due: { type: "string" },
  goals: { type: "string" },
  "name-fi": { type: "string" },
  "name-sv": { type: "string" },
  "name-en": { type: "string" },
  "reminder-days": { type: "string" },
  reason: { type: "string" },
  states: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  theme: { type: "string" },
  goal: { type: "string" },
  month: { type: "string" },
  prefix: { type: "string" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

/** Wrong use of the CLI itself (not the API's refusal): exit code 2 with the help hint. */
class UsageError extends Error {}

const EXPORTS: Record<string, (typeof contract.exports)[keyof typeof contract.exports]> = {
  xlsx: contract.exports.summaryXlsx,
  csv: contract.exports.summaryCsv,
  pptx: contract.exports.deck,
};
const TRANSITIONS = ["open", "close", "reopen", "freeze"] as const;
type Transition = (typeof TRANSITIONS)[number];
/** The person's words as the route takes them: the server checks them and names what is wrong. */
type Unchecked<T> = T;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.lang !== undefined && !["fi", "sv", "en"].includes(values.lang))
    return usage(`--lang must be fi, sv or en, not ${values.lang}`);
  if (positionals[0] === "audit") return auditCommand(positionals.slice(1), values);

  const api = new ApiClient({
    url: values.url ?? "http://localhost:3978",
    ...(values.lang ? { lang: values.lang } : {}),
    ...((values.token ?? process.env.GOAL_FORECAST_TOKEN)
      ? { token: values.token ?? process.env.GOAL_FORECAST_TOKEN }
      : {}),
  });
  try {
    const [group, ...rest] = positionals;
    // Sign in only once the command is known to be well formed.
    const run =
      group === "rounds"
        ? roundsCommand(rest, values)
        : group === "export"
          ? exportCommand(rest, values)
          : undefined;
    if (!run) throw new UsageError(`unknown command: ${positionals.join(" ")}`);
    if (values.as) await api.signInAs(values.as);
    await run(api);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    if (error instanceof ApiError) {
      console.error(`error: ${error.message}${error.status ? ` (HTTP ${error.status})` : ""}`);
      return 1;
    }
    throw error;
  }
}

type Run = (api: ApiClient) => Promise<void>;

/** `audit verify`: reads storage itself, so a server that lies about its trail cannot hide a break. */
async function auditCommand(args: string[], v: Values): Promise<number> {
  if (args.length !== 1 || args[0] !== "verify") return usage(`unknown command: audit ${args.join(" ")}`);
  const months = v.month?.split(",").map((m) => m.trim());
  if (months?.some((m) => !/^\d{4}-\d{2}$/.test(m))) return usage("--month takes YYYY-MM[,YYYY-MM…]");
  const settings = storageSettingsFrom(process.env as Record<string, string | undefined>, {
    prefix: v.prefix,
  });
  if (!settings) return usage("no storage: set AZURE_STORAGE_CONNECTION_STRING or AZURE_TABLES_URL");
  try {
    const { result, text, exitCode } = await verifyAudit(settings, months);
    process.stdout.write(`${v.json ? JSON.stringify(result, null, 2) : text}\n`);
    return exitCode;
  } catch (error) {
    console.error(`error: the audit trail could not be read: ${(error as Error).message}`);
    return 1;
  }
}

function roundsCommand(args: string[], v: Values): Run {
  const [command, roundId, ...extra] = args;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  const params = () => ({ roundId: need(roundId, "<roundId>") });
  const lang = v.lang ?? "fi";
  switch (command) {
    case "list":
      return async (api) => {
        const rounds = await api.call(contract.rounds.list, {});
        print(v, rounds, () => rounds.map((r) => roundLine(r, lang)).join("\n") || "no rounds");
      };
    case "create": {
      const body = {
        year: integer(need(v.year, "--year"), "--year"),
        number: integer(need(v.number, "--number"), "--number"),
        dueAt: need(v.due, "--due"),
        ...(v.goals ? { goalIds: list(v.goals) } : {}),
        ...(v["reminder-days"]
          ? { reminderDays: list(v["reminder-days"]).map((d) => integer(d, "--reminder-days")) }
          : {}),
        ...nameOf(v),
      };
      return async (api) => {
        const round = await api.call(contract.rounds.create, { body });
        print(v, round, () => `created ${roundLine(round, lang)}`);
      };
    }
    case "extend": {
      const body = { dueAt: need(v.due, "--due") };
      return async (api) => {
        const round = await api.call(contract.rounds.extend, { params: params(), body });
        print(v, round, () => roundLine(round, lang));
      };
    }
    case "remind":
    case "resend": {
      const states = v.states ? (list(v.states) as Unchecked<(typeof RESENDABLE)[number][]>) : undefined;
      return async (api) => {
        const answer =
          command === "resend"
            ? await api.call(contract.rounds.resend, {
                params: params(),
                ...(states ? { body: { states } } : {}),
              })
            : await api.call(contract.rounds.remind, { params: params() });
        print(
          v,
          answer,
          () => `${command === "remind" ? "reminders" : "check-ins"} queued: ${answer.queued}`,
        );
      };
    }
    case "progress":
      return async (api) => {
        const progress = await api.call(contract.rounds.progress, { params: params() });
        // Before the round opens, who its messages will reach is the question.
        const reach =
          progress.round.state === "draft"
            ? await api.call(contract.rounds.reach, { params: params() })
            : undefined;
        print(v, reach ? { ...progress, reach } : progress, () =>
          [progressText(progress, lang), ...(reach ? [`reach:     ${reach.message}`] : [])].join("\n"),
        );
      };
    case "reach":
    case "prepare":
      return async (api) => {
        const reach =
          command === "prepare"
            ? await api.call(contract.rounds.prepareReach, { params: params() })
            : await api.call(contract.rounds.reach, { params: params() });
        print(v, reach, () => reachText(reach));
      };
    default:
      if (command && (TRANSITIONS as readonly string[]).includes(command)) {
        const body = v.reason ? { reason: v.reason } : undefined;
        return async (api) => {
          const round = await api.call(contract.rounds[command as Transition], { params: params(), body });
          print(v, round, () => roundLine(round, lang));
        };
      }
      throw new UsageError(`unknown command: rounds ${command ?? ""}`.trim());
  }
}

function exportCommand(args: string[], v: Values): Run {
  const [roundId, ...extra] = args;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  const file = EXPORTS[need(v.format, "--format")];
  if (!file) throw new UsageError(`--format must be xlsx, csv or pptx, not ${v.format}`);
  const out = need(v.out, "--out");
  const query = {
    ...(v.lang ? { lang: v.lang as Unchecked<"fi" | "sv" | "en"> } : {}),
    ...(v.theme ? { theme: v.theme } : {}),
    ...(v.goal ? { goal: v.goal } : {}),
  };
  const params = { roundId: need(roundId, "<roundId>") };
  return async (api) => {
    const res = await api.download(file, { params, query });
    if (!res.body) throw new ApiError(res.status, "empty", "the server sent no file");
    // Written only after the server said yes: a refused export leaves no half file behind.
    await pipeline(Readable.fromWeb(res.body as ReadableStream), createWriteStream(out));
    const size = (await stat(out)).size;
    print(
      v,
      { file: out, bytes: size, contentType: res.headers.get("content-type") },
      () => `wrote ${out} (${size} bytes)`,
    );
  };
}

function roundLine(r: Round, lang: string): string {
  const name = r.name[lang as keyof Round["name"]] ?? r.name.fi;
  return `${r.id}  ${r.state.padEnd(7)}  due ${r.dueAt}  ${r.goalIds.length} goals  ${name}`;
}

function progressText(p: RoundProgress, lang: string): string {
  const counts = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
  const lines = [
    roundLine(p.round, lang),
    `delivery:  ${counts(p.delivery.counts)}`,
    `responses: ${counts(p.responses.counts)}`,
  ];
  if (p.delivery.paused)
    lines.push(`sending paused until ${p.delivery.paused.until} (${p.delivery.paused.reason})`);
  if (p.delivery.problems.length > 0) {
    lines.push(`not delivered (${p.delivery.problems.length}):`);
    for (const x of p.delivery.problems)
      lines.push(
        `  ${x.personId}  ${x.displayName}  ${x.kind ?? "checkin"}  ${x.state}  ${x.reason || "-"}  (attempts ${x.attempts})`,
      );
  }
  return lines.join("\n");
}

function reachText(r: Reachability): string {
  const lines = [r.message];
  if (!r.graph)
    lines.push("Microsoft Graph is not configured (GRAPH_ENABLED): only people who met the bot are reached.");
  for (const p of r.people.filter((x) => x.reach !== "reachable"))
    lines.push(`  ${p.personId}  ${p.displayName}  ${p.reach}${p.detail ? `  ${p.detail}` : ""}`);
  return lines.join("\n");
}

function print(v: Values, value: unknown, human: () => string): void {
  process.stdout.write(`${v.json ? JSON.stringify(value, null, 2) : human()}\n`);
}

function nameOf(v: Values): { name?: { fi: string; sv?: string; en?: string } } {
  const [fi, sv, en] = [v["name-fi"], v["name-sv"], v["name-en"]];
  if (fi === undefined && sv === undefined && en === undefined) return {};
  if (fi === undefined)
    throw new UsageError("--name-fi is needed when the round is named (--name-sv/--name-en)");
  return { name: { fi, ...(sv !== undefined ? { sv } : {}), ...(en !== undefined ? { en } : {}) } };
}

function need(value: string | undefined, what: string): string {
  if (value === undefined || value === "") throw new UsageError(`missing ${what}`);
  return value;
}

function integer(value: string, what: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`${what} must be a whole number, not ${value}`);
  return Number(value);
}

function list(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function usage(message: string): number {
  console.error(`error: ${message}\nrun with --help for the commands`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
