import assert from "node:assert/strict";
import { formatDate, languageOf, resolveLanguage, resources } from "@goal-forecast/core/i18n";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("languages", () => {
  it("has every string in Finnish, Swedish and English, none empty", () => {
    for (const ns of Object.keys(resources.fi) as (keyof typeof resources.fi)[]) {
      const fi = keys(resources.fi[ns]).sort();
      for (const lang of ["sv", "en"] as const) {
        assert.deepEqual(
          keys(resources[lang][ns]).sort(),
          fi,
          `${lang}/${ns}.json has the same keys as fi/${ns}.json`,
        );
      }
      for (const lang of ["fi", "sv", "en"] as const) {
        for (const key of keys(resources[lang][ns])) {
          const value = key
            .split(".")
            .reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], resources[lang][ns]);
          if (key === "") continue;
          assert.ok(typeof value === "string" && value.trim() !== "", `${lang}/${ns}:${key} is empty`);
        }
      }
    }
  });

  it("maps Teams locales and falls back to Finnish", () => {
    assert.equal(languageOf("sv-SE"), "sv");
    assert.equal(languageOf("en-us"), "en");
    assert.equal(languageOf("de-DE"), undefined);
    assert.equal(resolveLanguage(undefined, "de-DE"), "fi");
    assert.equal(resolveLanguage("sv", "en-us"), "sv");
  });

  it("formats dates for each language in Helsinki time", () => {
    assert.equal(formatDate("2020-03-30T21:30:00.000Z", "fi"), "31.3.2020");
    assert.match(formatDate("2020-03-30T10:00:00.000Z", "en"), /30\/03\/2020/);
  });
});
