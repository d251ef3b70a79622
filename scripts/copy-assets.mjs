// tsc compiles TypeScript only; the server also needs its locale files next to the compiled code.
import { cpSync } from "node:fs";

cpSync("bot/src/i18n/locales", "dist/bot/src/i18n/locales", { recursive: true });
