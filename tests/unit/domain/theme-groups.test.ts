import assert from "node:assert/strict";
import { groupByTheme, themeLookup } from "@goal-forecast/core/domain/theme-groups";
import { themes } from "../../support/fixtures.js";

describe("grouping by theme", () => {
  const theme = themeLookup(themes);
  const items = [
    { id: "a", themeId: "palvelut" },
    { id: "b", themeId: "retired-theme" },
    { id: "c", themeId: "toimivin" },
    { id: "d", themeId: "palvelut" },
  ];

  it("orders groups as the board reads them, a theme the register lost last", () => {
    const groups = groupByTheme(items, (i) => theme(i.themeId));
    assert.deepEqual(
      groups.map((g) => [g.theme.id, g.items.map((i) => i.id)]),
      [
        ["toimivin", ["c"]],
        ["palvelut", ["a", "d"]],
        ["retired-theme", ["b"]],
      ],
    );
    assert.equal(groups[2]?.theme.name.fi, "retired-theme", "named by its id");
  });

  it("leaves out themes with nothing in them", () => {
    assert.deepEqual(
      groupByTheme([], (i: { themeId: string }) => theme(i.themeId)),
      [],
    );
    assert.equal(groupByTheme(items.slice(0, 1), (i) => theme(i.themeId)).length, 1);
  });
});
