// Names of people by id, for owners, preparers and "who reported".
import { contract } from "@goal-forecast/core/contract";
import { useMemo } from "react";
import type { PersonView } from "@goal-forecast/core/contract/register";
import { useQuery } from "../api/useQuery";

export interface PeopleIndex {
  name(id: string | undefined): string;
  names(ids: readonly string[] | undefined): string;
  list: PersonView[];
}

export function usePeople(): PeopleIndex {
  const { data } = useQuery(contract.register.people, {});
  return useMemo(() => {
    const byId = new Map((data ?? []).map((p) => [p.id, p.displayName]));
    const name = (id: string | undefined) => (id ? (byId.get(id) ?? id) : "–");
    return {
      name,
      names: (ids) => (ids && ids.length > 0 ? ids.map(name).join(", ") : "–"),
      list: data ?? [],
    };
  }, [data]);
}
