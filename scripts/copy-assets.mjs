// tsc compiles TypeScript only; the server also needs its locale files next to the compiled code.
import { cpSync } from "node:fs";

cpSync("core/src/i18n/locales", "core/dist/i18n/locales", { recursive: true });
