// Before a round opens: who of its recipients the bot can reach in Teams, who will get the app
// installed (Microsoft Graph), who is not in Entra ID, and a button that installs the app ahead.
import { contract } from "@goal-forecast/core/contract";
import type { Reachability } from "@goal-forecast/core/contract/rounds";
import { Badge, Button, Table, TableBody, TableCell, TableRow, Text } from "@fluentui/react-components";
import { PersonAdd20Regular } from "@fluentui/react-icons";
import { useState } from "react";
import { useSession } from "../../api/session";
import { useQuery } from "../../api/useQuery";
import { ErrorMessage, Loading, Notice } from "../../components/feedback";
import { ColumnHeaders } from "../../components/tables";
import { useI18n } from "../../i18n/i18n";
import { ActionOutcome, useAction } from "./shared";

export function ReachPanel({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const { api, capabilities } = useSession();
  const loaded = useQuery(contract.rounds.reach, { params: { roundId } });
  const [prepared, setPrepared] = useState<Reachability>();
  const action = useAction();
  const reach = prepared ?? loaded.data;

  if (loaded.error) return <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  if (!reach) return <Loading />;
  const pending = reach.people.filter((p) => p.reach !== "reachable");
  const canPrepare = capabilities.has(contract.rounds.prepareReach) && reach.graph;

  return (
    <div data-testid="reach">
      <Text role="status">{reach.message}</Text>
      {!reach.graph && <Notice intent="info">{t("admin.reach.noGraph")}</Notice>}
      {pending.length > 0 && (
        <Table size="small" aria-label={t("admin.reach.title")}>
          <ColumnHeaders columns={[t("admin.col.person"), t("admin.col.state"), t("admin.reach.detail")]} />
          <TableBody>
            {pending.map((p) => (
              <TableRow key={p.personId} data-reach={p.personId}>
                <TableCell>{p.displayName}</TableCell>
                <TableCell>
                  <Badge appearance="outline" color={p.reach === "willInstall" ? "informative" : "danger"}>
                    {t(`admin.reach.state.${p.reach}`)}
                  </Badge>
                </TableCell>
                <TableCell>{p.detail ?? "–"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {canPrepare &&
        reach.counts.willInstall + reach.counts.notInDirectory + reach.counts.consentMissing > 0 && (
          <Button
            icon={<PersonAdd20Regular />}
            disabled={action.busy}
            onClick={() =>
              void action.run(async () => {
                const answer = await api.call(contract.rounds.prepareReach, { params: { roundId } });
                setPrepared(answer);
                return answer.message;
              })
            }
          >
            {t("admin.reach.prepare")}
          </Button>
        )}
      <ActionOutcome action={action} />
    </div>
  );
}
