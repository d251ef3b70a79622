// One round as the planning office runs it: its actions (open, remind, extend, close, reopen,
// freeze), the check-ins' delivery as it happens, and who has answered. Each panel is its own file;
// this page loads the round and keeps them current.
import { contract } from "@goal-forecast/core/contract";
import { Link } from "@fluentui/react-components";
import { useMemo } from "react";
import { useSession } from "../../api/session";
import { useQuery } from "../../api/useQuery";
import { href } from "../../app/router";
import { ErrorMessage, Loading, NotAvailable } from "../../components/feedback";
import { PageHeader, Section } from "../../components/layout";
import { useI18n } from "../../i18n/i18n";
import { DeliveryPanel } from "./DeliveryPanel";
import { ReachPanel } from "./ReachPanel";
import { ResponsesPanel, type Responses } from "./ResponsesPanel";
import { RoundActions } from "./RoundActions";
import { usePolling } from "./shared";

export function RoundAdmin({ roundId }: { roundId: string }) {
  const f = useI18n();
  const { t } = f;
  const { capabilities } = useSession();
  const round = useQuery(contract.rounds.get, { params: { roundId } });
  const hasProgress = capabilities.has(contract.rounds.progress);
  const progress = useQuery(contract.rounds.progress, hasProgress ? { params: { roundId } } : null);
  // Without the progress route, the responses still come from the overview.
  const overview = useQuery(contract.rounds.overview, hasProgress ? null : { params: { roundId } });

  const r = progress.data?.round ?? round.data;
  const delivery = progress.data?.delivery;
  const sending = delivery
    ? delivery.counts.queued + delivery.counts.installing + delivery.counts.sending > 0
    : false;
  // Live: every 2 s while check-ins are on their way, every 10 s while the round is open.
  usePolling(progress.reload, sending ? 2000 : 10_000, hasProgress && (r?.state === "open" || sending));

  const refresh = () => {
    round.reload();
    progress.reload();
    overview.reload();
  };

  const responses = useMemo((): Responses | undefined => {
    if (progress.data) return progress.data.responses;
    if (!overview.data) return undefined;
    const subjects = overview.data.summary.themes.flatMap((g) =>
      g.subjects.map((s) => ({
        subjectId: s.subject.id,
        goalId: s.subject.goalId,
        title: s.subject.projectId ? `${s.subject.goalTitle}: ${s.subject.title}` : s.subject.title,
        status: s.status,
        ownerIds: s.subject.ownerIds,
      })),
    );
    return { counts: overview.data.summary.counts, subjects };
  }, [progress.data, overview.data]);

  if (round.error) return <ErrorMessage error={round.error} onRetry={round.reload} />;
  if (!r) return <Loading />;

  return (
    <>
      <PageHeader
        title={f.text(r.name)}
        context={t("admin.roundContext", {
          state: t(`common:roundState.${r.state}`),
          due: f.dateTime(r.dueAt),
          goals: f.number(r.goalIds.length),
        })}
        actions={<Link href={href.overview(r.id)}>{t("admin.openOverview")}</Link>}
      />
      <RoundActions round={r} onChanged={refresh} onReminded={progress.reload} />

      {r.state === "draft" && capabilities.has(contract.rounds.reach) && (
        <Section title={t("admin.reach.title")}>
          <ReachPanel roundId={roundId} />
        </Section>
      )}

      <Section title={t("admin.delivery")}>
        {!hasProgress && <NotAvailable>{t("admin.progressMissing")}</NotAvailable>}
        {progress.error && <ErrorMessage error={progress.error} onRetry={progress.reload} />}
        {hasProgress && !delivery && !progress.error && <Loading />}
        {delivery && (
          <DeliveryPanel roundId={roundId} delivery={delivery} onResent={progress.reload} live={sending} />
        )}
      </Section>

      <Section title={t("admin.responses")}>
        {!responses && <Loading />}
        {responses && <ResponsesPanel round={r} responses={responses} onChanged={refresh} />}
      </Section>
    </>
  );
}
