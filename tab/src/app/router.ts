// Hash routes (#/rounds/2020-2, #/compare/2020-2/2020-1, #/admin/rounds …): the tab is one page that
// Teams loads once; routes survive reloads and can be shared as links.
import { useEffect, useState } from "react";

export type Route =
  | { name: "home" }
  | { name: "overview"; roundId: string }
  | { name: "goal"; roundId: string; goalId: string; subjectId: string }
  | { name: "compare"; laterId?: string; earlierId?: string }
  | { name: "adminRounds" }
  | { name: "adminRound"; roundId: string }
  | { name: "adminGoals"; year?: number }
  | { name: "adminGoal"; goalId: string }
  | { name: "adminPeople" }
  | { name: "accessibility" }
  | { name: "notFound" };

const seg = (s: string | undefined): string => decodeURIComponent(s ?? "");

export function parseRoute(hash: string): Route {
  const [pathPart] = hash.replace(/^#/, "").split("?");
  const parts = (pathPart ?? "").split("/").filter(Boolean);
  const [a, b, c, d, e] = parts;
  if (parts.length === 0) return { name: "home" };
  if (a === "rounds" && b && parts.length === 2) return { name: "overview", roundId: seg(b) };
  if (a === "rounds" && b && c === "goals" && d && parts.length <= 5)
    return { name: "goal", roundId: seg(b), goalId: seg(d), subjectId: seg(e ?? d) };
  if (a === "compare" && parts.length <= 3) {
    const route: Route = { name: "compare" };
    if (b) route.laterId = seg(b);
    if (c) route.earlierId = seg(c);
    return route;
  }
  if (a === "accessibility" && parts.length === 1) return { name: "accessibility" };
  if (a === "admin") {
    if (b === "rounds" && c) return { name: "adminRound", roundId: seg(c) };
    if (b === "rounds" || b === undefined) return { name: "adminRounds" };
    if (b === "goals" && c && /^\d{4}$/.test(c)) return { name: "adminGoals", year: Number(c) };
    if (b === "goals" && c) return { name: "adminGoal", goalId: seg(c) };
    if (b === "goals") return { name: "adminGoals" };
    if (b === "people") return { name: "adminPeople" };
  }
  return { name: "notFound" };
}

const enc = encodeURIComponent;

export const href = {
  overview: (roundId: string) => `#/rounds/${enc(roundId)}`,
  goal: (roundId: string, goalId: string, subjectId: string) =>
    subjectId === goalId
      ? `#/rounds/${enc(roundId)}/goals/${enc(goalId)}`
      : `#/rounds/${enc(roundId)}/goals/${enc(goalId)}/${enc(subjectId)}`,
  compare: (laterId?: string, earlierId?: string) =>
    laterId ? `#/compare/${enc(laterId)}${earlierId ? `/${enc(earlierId)}` : ""}` : "#/compare",
  adminRounds: () => "#/admin/rounds",
  adminRound: (roundId: string) => `#/admin/rounds/${enc(roundId)}`,
  adminGoals: (year?: number) => (year ? `#/admin/goals/${year}` : "#/admin/goals"),
  adminGoal: (goalId: string) => `#/admin/goals/${enc(goalId)}`,
  adminPeople: () => "#/admin/people",
  accessibility: () => "#/accessibility",
};

export function navigate(to: string, replace = false): void {
  if (replace) window.location.replace(to);
  else window.location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}
