// The vocabulary of the product, as the seeds use it (see docs/ARCHITECTURE.md).
// Plain data: no Teams, HTTP or storage types here.

export const LANGUAGES = ["fi", "sv", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Text in the division's languages; Finnish is always present, the others fall back to it. */
export interface LocalizedText {
  fi: string;
  sv?: string;
  en?: string;
}

/** City-strategy theme (kaupunkistrategian teema), e.g. "Maailman toimivin kaupunki". */
export interface Theme {
  id: string;
  name: LocalizedText;
  order: number;
}

/** Person known to the product. `id` is stable; the AAD object id is learnt when the bot meets them. */
export interface Person {
  id: string;
  upn: string;
  email?: string;
  displayName: string;
  aadObjectId?: string;
  language?: Language;
  /** Organisation-wide roles kept in the register (admins and managers may also come from configuration). */
  roles?: OrgRole[];
  /** Whom the reminders escalate to after the due date (the owner's manager). */
  managerId?: string;
}

export type OrgRole = "admin" | "manager";

/** Quantified target of a milestone: "(20 kpl tiloja)" is count 20 unit "tilaa", "(40%)" is percent 40. */
export interface MilestoneTarget {
  kind: "count" | "percent";
  value: number;
  /** Unit shown after a count, e.g. "tilaa", "palvelua". */
  unit?: string;
}

/** One milestone (ositettu tavoite) of a goal or project, in the deck's order. */
export interface Milestone {
  id: string;
  text: string;
  order: number;
  /** Short label drawn on the progress bar, e.g. "POC TEHTY". */
  label?: string;
  target?: MilestoneTarget;
  /** Heading the deck groups milestones under, e.g. "1. Parannetaan toimintatapoja … digitalisaatiota". */
  group?: string;
}

/** A project under a goal (Liikkumisohjelma has four), reported on its own with its own owners. */
export interface Project {
  id: string;
  goalId: string;
  title: string;
  text?: string;
  ownerIds: string[];
  preparerIds: string[];
  milestones: Milestone[];
  order: number;
}

/** Binding goal (sitova toiminnan tavoite) of one year. */
export interface Goal {
  id: string;
  year: number;
  themeId: string;
  /** Short name the division uses, e.g. "Digitalisaatio", "Liikkumisohjelma". */
  title: string;
  /** The binding goal's own wording. */
  text: string;
  subGoal?: string;
  actions: string[];
  indicators: string[];
  recoveryIndicator: boolean;
  /** Related cross-division themes (toimialojen yhteissuunnittelun teemat). */
  crossThemes: string[];
  ownerIds: string[];
  preparerIds: string[];
  milestones: Milestone[];
  projects: Project[];
  order: number;
  active: boolean;
}

export type RoundState = "draft" | "open" | "closed" | "frozen";

/** One forecast round, e.g. "Ennuste 2/2020". */
export interface Round {
  id: string;
  year: number;
  number: number;
  name: LocalizedText;
  state: RoundState;
  /** ISO timestamps. */
  opensAt?: string;
  dueAt: string;
  closesAt?: string;
  /** Goals included; their projects come along. */
  goalIds: string[];
  /** Days before the due date on which reminders go out (0 = the due day). */
  reminderDays: number[];
  /** Substitute submitter named by the admin for this round: subject id → person id. */
  substitutes: Record<string, string>;
  createdAt: string;
  createdBy: string;
  /** Optimistic-concurrency token of the stored row. */
  version?: string;
}

export const MILESTONE_STATUSES = ["notStarted", "inProgress", "done"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const VERDICTS = ["achieved", "onTrack", "atRisk", "notAchieved"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const REPORT_STATES = ["draft", "submitted"] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export interface MilestoneReport {
  milestoneId: string;
  status: MilestoneStatus;
  /** Actual value where the milestone has a quantified target. */
  actual?: number;
  /** Free comment, e.g. "Saavutettu 30.4.2020." */
  note?: string;
}

export interface Risk {
  risk: string;
  mitigation: string;
}

/** What an owner (or preparer) enters for one subject in one round. */
export interface ReportContent {
  milestones: MilestoneReport[];
  progress: number;
  verdict?: Verdict;
  narrative: string;
  risks: Risk[];
}

/** A report of one round × subject (a goal without projects, or a project). */
export interface Report extends ReportContent {
  roundId: string;
  subjectId: string;
  goalId: string;
  state: ReportState;
  updatedBy: string;
  updatedAt: string;
  submittedBy?: string;
  submittedAt?: string;
  /** Set when the content was prefilled from an earlier round and not yet changed. */
  copiedFromRoundId?: string;
  /** Optimistic-concurrency token; a write with a stale version is refused. */
  version?: string;
}

/** What a save did: the history records drafts and submissions (imported reports carry no events). */
export const REPORT_ACTIONS = ["draft", "submit"] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** One change to a report: the history the tab shows ("who reported when"). */
export interface ReportEvent {
  roundId: string;
  subjectId: string;
  at: string;
  by: string;
  action: ReportAction;
  state: ReportState;
  verdict?: Verdict;
  progress: number;
  /** Through what it was saved: the bot's card, the tab, the CLI or another client of the REST API. */
  channel?: "bot" | "tab" | "cli" | "api";
}

/**
 * Something that is reported on: a goal without projects, or one project of a goal.
 * Derived from the register (see subjects.ts), never stored on its own.
 */
export interface Subject {
  id: string;
  goalId: string;
  projectId?: string;
  title: string;
  goalTitle: string;
  themeId: string;
  ownerIds: string[];
  preparerIds: string[];
  milestones: Milestone[];
}

/** Everything the goal register holds for the product to work. */
export interface Register {
  themes: Theme[];
  people: Person[];
  goals: Goal[];
}
