// Verdict and response-status badges. Colour is never the only cue: each has its own icon shape and
// its name in words.
import { Badge, makeStyles, tokens, type BadgeProps } from "@fluentui/react-components";
import {
  CheckmarkCircle16Regular,
  Circle16Regular,
  CircleHalfFill16Regular,
  DismissCircle16Regular,
  QuestionCircle16Regular,
  Trophy16Regular,
  Warning16Regular,
} from "@fluentui/react-icons";
import type { ReactElement } from "react";
import type { Verdict } from "@goal-forecast/core/domain/model";
import { useI18n } from "../i18n/i18n";

// Fluent's badge has a fixed height; a long name ("Toteutuminen epävarma") in a narrow table column
// wraps, so the badge grows with its text instead of letting the text cross its border.
const useStyles = makeStyles({
  wrapping: {
    height: "auto",
    minHeight: "20px",
    paddingBlock: tokens.spacingVerticalXXS,
    whiteSpace: "normal",
    textAlign: "start",
  },
});

interface Look {
  color: BadgeProps["color"];
  icon: ReactElement;
}

function NamedBadge({
  look,
  appearance,
  children,
  ...data
}: {
  look: Look;
  appearance: BadgeProps["appearance"];
  children: string;
} & Record<`data-${string}`, string>) {
  const styles = useStyles();
  return (
    <Badge
      className={styles.wrapping}
      appearance={appearance}
      color={look.color}
      icon={look.icon}
      shape="rounded"
      {...data}
    >
      {children}
    </Badge>
  );
}

const VERDICT_LOOK: Record<Verdict | "none", Look> = {
  achieved: { color: "success", icon: <Trophy16Regular /> },
  onTrack: { color: "brand", icon: <CheckmarkCircle16Regular /> },
  atRisk: { color: "warning", icon: <Warning16Regular /> },
  notAchieved: { color: "danger", icon: <DismissCircle16Regular /> },
  none: { color: "informative", icon: <QuestionCircle16Regular /> },
};

export function VerdictBadge({ verdict }: { verdict: Verdict | undefined }) {
  const { t } = useI18n();
  const key = verdict ?? "none";
  return (
    <NamedBadge look={VERDICT_LOOK[key]} appearance="tint" data-verdict={key}>
      {t(`common:verdict.${key}`)}
    </NamedBadge>
  );
}

export type ResponseStatus = "missing" | "draft" | "submitted";

const STATUS_LOOK: Record<ResponseStatus, Look> = {
  missing: { color: "danger", icon: <Circle16Regular /> },
  draft: { color: "warning", icon: <CircleHalfFill16Regular /> },
  submitted: { color: "success", icon: <CheckmarkCircle16Regular /> },
};

export function StatusBadge({ status }: { status: ResponseStatus }) {
  const { t } = useI18n();
  return (
    <NamedBadge look={STATUS_LOOK[status]} appearance="outline" data-status={status}>
      {t(`common:responseStatus.${status}`)}
    </NamedBadge>
  );
}
