// Page header (title, context line, actions) and sections, the same on every view.
import { makeStyles, tokens, Title1, Subtitle1, Body1, useId } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
  },
  titles: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: "16rem" },
  context: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  section: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    marginBottom: tokens.spacingVerticalL,
  },
  sectionTitle: { margin: `0 0 ${tokens.spacingVerticalS}` },
});

export function PageHeader({
  title,
  context,
  actions,
}: {
  title: ReactNode;
  context?: ReactNode;
  actions?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.header}>
      <div className={styles.titles}>
        {context && <Body1 className={styles.context}>{context}</Body1>}
        <Title1 as="h1">{title}</Title1>
      </div>
      {actions && <div className={styles.actions}>{actions}</div>}
    </div>
  );
}

export function Section({
  title,
  children,
  headingLevel = 2,
  id,
}: {
  title: ReactNode;
  children: ReactNode;
  headingLevel?: 2 | 3;
  id?: string;
}) {
  const styles = useStyles();
  const autoId = useId("section");
  const headingId = id ?? autoId;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle1 as={headingLevel === 2 ? "h2" : "h3"} className={styles.sectionTitle} id={headingId}>
        {title}
      </Subtitle1>
      {children}
    </section>
  );
}

/** Tables whose cells hold several lines: read from the top, and columns sized to what they hold. */
export const useTableStyles = makeStyles({
  table: { "& td": { verticalAlign: "top", paddingBlock: tokens.spacingVerticalXS } },
  w8: { width: "8%" },
  w12: { width: "12%" },
  w15: { width: "15%" },
  w20: { width: "20%" },
  w25: { width: "25%" },
  w30: { width: "30%" },
  w35: { width: "35%" },
  w40: { width: "40%" },
});
