// The summary table's columns as seeds 001/004 lay them out: theme · goal · actions · indicators ·
// recovery indicator · the round's forecast · comments and risks · cross-division themes. The
// workbook and the CSV file both render these, so the two files always have the same columns.
import type { Translate } from "@goal-forecast/core/i18n";
import type { ExportModel, SummaryGroup, SummaryRow } from "./model.js";

export type ColumnKey =
  | "theme"
  | "goal"
  | "goalText"
  | "actions"
  | "indicators"
  | "recovery"
  | "forecast"
  | "comments"
  | "crossThemes";

export interface Column {
  key: ColumnKey;
  header: string;
  /** Width in the workbook, in Excel's character units. */
  width: number;
  value(row: SummaryRow, group: SummaryGroup): string;
}

const list = (items: readonly string[]): string => items.map((i) => `• ${i}`).join("\n");

/**
 * The columns of the table. The workbook shows the goal's title and description in one cell, as the
 * seeds do; the CSV file is data and keeps them apart. The widths add up to what prints at 8 pt on an
 * A4 landscape page fitted to its width (xlsx.ts `printedBodySize`): wider columns print smaller.
 */
export function summaryColumns(model: ExportModel, t: Translate, format: "xlsx" | "csv"): Column[] {
  const columns: Column[] = [
    { key: "theme", header: t("exports:table.columns.theme"), width: 18, value: (_r, g) => g.theme.name },
    {
      key: "goal",
      header: t("exports:table.columns.goal"),
      width: 26,
      value: (r) => (format === "xlsx" ? `${r.goalTitle}\n${r.goalText}` : r.goalTitle),
    },
  ];
  if (format === "csv")
    columns.push({
      key: "goalText",
      header: t("exports:table.columns.goalText"),
      width: 30,
      value: (r) => r.goalText,
    });
  columns.push(
    { key: "actions", header: t("exports:table.columns.actions"), width: 24, value: (r) => list(r.actions) },
    {
      key: "indicators",
      header: t("exports:table.columns.indicators"),
      width: 22,
      value: (r) => list(r.indicators),
    },
    {
      key: "recovery",
      // Broken as in seed 004 ("Palautumis-/mittari"), so the yes/no column stays narrow in print.
      header: t(
        format === "xlsx" ? "exports:table.columns.recoveryPrinted" : "exports:table.columns.recovery",
      ),
      width: 11,
      value: (r) => r.recoveryLabel,
    },
    { key: "forecast", header: model.round.name, width: 15, value: (r) => r.forecastText },
    { key: "comments", header: t("exports:table.columns.comments"), width: 42, value: (r) => r.comments },
    {
      key: "crossThemes",
      header: t("exports:table.columns.crossThemes"),
      width: 18,
      value: (r) => r.crossThemes.join("\n"),
    },
  );
  return columns;
}
