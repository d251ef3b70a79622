// The shapes an import passes through: bytes → tables of cells → register documents → stored.
// Plain data, no storage or HTTP: the readers, the mapping and the rules all speak these.

/** The tables a register file may hold (XLSX sheets, or one CSV file each). */
export const TABLE_KINDS = ["themes", "people", "goals", "milestones"] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/** One cell as read from the file: its text, and the number or truth value when the file typed it. */
export interface Cell {
  text: string;
  number?: number;
  bool?: boolean;
}

/** One data row; `row` is the number a person sees in Excel or a text editor (the header is row 1). */
export interface SheetRow {
  row: number;
  cells: Map<string, Cell>;
}

/**
 * The source of a file sent alone (not in a multipart form), which has no name of its own; messages
 * call it "the uploaded file" in the person's language (import:where.file).
 */
export const UNNAMED_FILE = "upload";

export interface Table {
  kind: TableKind;
  /** Where it came from: the sheet or file name, as the person named it. */
  source: string;
  /** Column key → the header text as written in the file (for messages). */
  headers: Map<string, string>;
  rows: SheetRow[];
}

/** A problem (or, with severity "warning", a note) about one place of the imported file. */
export interface ImportIssue {
  severity: "error" | "warning";
  code: IssueCode;
  /** Table (sheet/file) the issue is about; undefined for the whole upload. */
  table?: string;
  /** Row as the person sees it in the file (1 = header), or the item's number in a JSON list (1-based). */
  row?: number;
  /** Column key (tables) or field path (JSON). */
  column?: string;
  params?: Record<string, string | number>;
}

export type IssueCode =
  // the file as a whole
  | "fileEmpty"
  | "fileTooLarge"
  | "formatUnknown"
  | "formatMismatch"
  | "encodingUnknown"
  | "encodingMixed"
  | "encodingConverted"
  | "encodingSuspicious"
  | "jsonSyntax"
  | "xlsxUnreadable"
  | "xlsxTooLarge"
  | "noTables"
  | "headerUnknown"
  | "tableTwice"
  | "sheetIgnored"
  | "tooManyRows"
  | "tooManyIssues"
  // the columns of a table
  | "missingColumn"
  | "unknownColumn"
  | "duplicateColumn"
  // one row
  | "columnCount"
  | "csvSyntax"
  | "formulaValue"
  | "formulaNoValue"
  | "cellError"
  | "required"
  | "tooLong"
  | "tooMany"
  | "invalid"
  | "invalidId"
  | "invalidEmail"
  | "invalidChoice"
  | "notANumber"
  | "notAnInteger"
  | "yearOutOfRange"
  | "percentOutOfRange"
  | "countOutOfRange"
  | "percentLooksLikeFraction"
  | "targetKindMissing"
  | "targetValueMissing"
  | "ownersCount"
  | "unknownTheme"
  | "unknownPerson"
  | "unknownGoal"
  | "unknownSubject"
  | "projectWithoutGoalRow"
  | "ownAdminRole"
  | "milestoneNeedsProject"
  | "unknownManager"
  | "managerSelf"
  | "duplicateTheme"
  | "duplicateGoal"
  | "duplicateSubject"
  | "duplicateMilestone"
  | "duplicatePerson"
  | "duplicateUpn"
  | "projectColumnIgnored"
  | "milestonesInOpenRound"
  // the directory (Entra ID through Microsoft Graph): notes, the import still goes through
  | "notInDirectory"
  | "accountDisabled"
  | "directoryUnavailable"
  // history
  | "unknownRound"
  | "goalMismatch"
  | "subjectNotInRound"
  | "roundYearMismatch"
  | "roundNotClosed"
  | "roundIsLive"
  | "roundIsFrozen"
  | "roundIsClosed"
  | "goalInFrozenRound"
  | "duplicateRound"
  | "duplicateReport"
  | "reportInvalid";

/** Issues that say a write would change a closed or frozen round: answered 409, not 400 (domain/round-writes.ts). */
export const FINAL_ROUND_CODES: ReadonlySet<IssueCode> = new Set([
  "roundIsFrozen",
  "roundIsClosed",
  "goalInFrozenRound",
]);

/** The register documents an import would write, with counts for the answer. */
export interface ImportCounts {
  themes: number;
  people: number;
  goals: number;
  projects: number;
  milestones: number;
}
