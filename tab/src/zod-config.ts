// zod compiles its parsers with `new Function` unless told not to, and the tab's Content-Security-
// Policy has no 'unsafe-eval' (bot/src/api/content-security.ts). Imported first by every entry point.
import { z } from "zod";

z.config({ jitless: true });
