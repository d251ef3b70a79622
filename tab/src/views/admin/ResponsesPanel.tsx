// Who has answered a round: counts per status, then every subject (missing first) with its owners
// and, while the round runs, a substitute who may submit in the owners' place.
import { contract } from "@goal-forecast/core/contract";
import { Caption1, Select, Table, TableBody, TableCell, TableRow } from "@fluentui/react-components";
import { useSession } from "../../api/session";
import type { Round } from "@goal-forecast/core/domain/model";
import type { RoundProgress } from "@goal-forecast/core/contract/rounds";
import { StatusBadge } from "../../components/badges";
import { usePeople } from "../../components/people";
import { ColumnHeaders } from "../../components/tables";
import { useI18n } from "../../i18n/i18n";
import { Counts } from "./Counts";
import { ActionOutcome, useAction } from "./shared";

export type Responses = RoundProgress["responses"];

const STATUS_ORDER = { missing: 0, draft: 1, submitted: 2 } as const;

export function ResponsesPanel({
  round,
  responses,
  onChanged,
}: {
  round: Round;
  responses: Responses;
  onChanged: () => void;
}) {
  const f = useI18n();
  const { t } = f;
  const { api, capabilities } = useSession();
  const people = usePeople();
  const action = useAction();
  const canSubstitute = capabilities.has(contract.rounds.setSubstitute);
  const open = round.state === "open" || round.state === "draft";
  const sorted = [...responses.subjects].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.title.localeCompare(b.title, f.lang),
  );
  return (
    <>
      <Counts
        label={t("admin.responses")}
        counts={(["missing", "draft", "submitted"] as const).map((s) => ({
          key: s,
          label: <StatusBadge status={s} />,
          value: responses.counts[s],
        }))}
      />
      <Table size="small" aria-label={t("admin.chasing")}>
        <ColumnHeaders
          columns={[
            t("overview.col.goal"),
            t("overview.col.status"),
            t("overview.col.owners"),
            t("admin.col.substitute"),
          ]}
        />
        <TableBody>
          {sorted.map((s) => (
            <TableRow key={s.subjectId} data-subject={s.subjectId}>
              <TableCell>{s.title}</TableCell>
              <TableCell>
                <StatusBadge status={s.status} />
              </TableCell>
              <TableCell>{people.names(s.ownerIds)}</TableCell>
              <TableCell>
                {canSubstitute && open && s.status !== "submitted" ? (
                  <Select
                    aria-label={t("admin.substituteFor", { title: s.title })}
                    value={round.substitutes[s.subjectId] ?? ""}
                    disabled={action.busy}
                    onChange={(_, d) =>
                      void action.run(async () => {
                        await api.call(contract.rounds.setSubstitute, {
                          params: { roundId: round.id, subjectId: s.subjectId },
                          body: { personId: d.value || null },
                        });
                        onChanged();
                        return d.value
                          ? t("admin.done.substitute", { name: people.name(d.value), title: s.title })
                          : t("admin.done.substituteCleared", { title: s.title });
                      })
                    }
                  >
                    <option value="">{t("admin.noSubstitute")}</option>
                    {people.list.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.displayName}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Caption1>
                    {round.substitutes[s.subjectId] ? people.name(round.substitutes[s.subjectId]) : "–"}
                  </Caption1>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ActionOutcome action={action} />
    </>
  );
}
