// Input limits. Chosen so that the largest possible report still fits one Adaptive Card
// (Teams keeps a card under ~80 KB) and one table entity (1 MiB, 64 KiB per property).
export const LIMITS = {
  narrative: 3000,
  riskText: 1500,
  mitigationText: 1000,
  risks: 8,
  milestoneNote: 300,
  milestones: 30,
  /** Largest actual value accepted for a count milestone. */
  countValue: 1_000_000,
  title: 200,
  goalText: 3000,
  listItem: 1000,
  listItems: 20,
  /** Feedback on the service (accessibility statement's form). */
  feedback: 3000,
} as const;
