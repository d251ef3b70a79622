// Colours of the exports. Verdict colours are light fills with dark text of at least 4.5:1 contrast;
// they only repeat what the verdict's words say (colour is never the only cue).
import type { MilestoneStatus } from "@goal-forecast/core/domain/model";
import type { VerdictCode } from "./model.js";

export const VERDICT_COLOURS: Record<VerdictCode, { fill: string; text: string }> = {
  achieved: { fill: "DDEBF7", text: "1F4E78" },
  onTrack: { fill: "C6EFCE", text: "006100" },
  atRisk: { fill: "FFEB9C", text: "7A4100" },
  notAchieved: { fill: "FFC7CE", text: "9C0006" },
  none: { fill: "EDEDED", text: "3A3A3A" },
};

/** Column headers of the deck's milestone columns (TEKEMÄTTÄ / TEKEILLÄ / TEHTY). */
export const STATUS_COLOURS: Record<MilestoneStatus, { fill: string; text: string }> = {
  notStarted: { fill: "E7E6E6", text: "262626" },
  inProgress: { fill: "FFE699", text: "262626" },
  done: { fill: "A9D18E", text: "1E3B10" },
};

/** Helsinki-like navy for titles and the progress bar; text colours pass 4.5:1 on white. */
export const INK = "1A1A1A";
export const MUTED = "4D4D4D";
export const ACCENT = "0000BF";
export const BAR_TRACK = "D9D9D9";
export const BAR_FILL = "0000BF";
