// A row of tiles, each a label over a figure: how many responses or deliveries are in which state.
import { makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n/i18n";

const useStyles = makeStyles({
  counts: {
    listStyleType: "none",
    padding: 0,
    margin: `${tokens.spacingVerticalS} 0`,
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(8rem, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  count: {
    display: "flex",
    flexDirection: "column",
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  figure: { fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold },
});

export interface Count {
  key: string;
  label: ReactNode;
  value: number;
}

export function Counts({ label, counts }: { label: string; counts: readonly Count[] }) {
  const styles = useStyles();
  const f = useI18n();
  return (
    <ul className={styles.counts} aria-label={label}>
      {counts.map((c) => (
        <li key={c.key} className={styles.count} data-count={c.key}>
          {c.label}
          <span className={styles.figure}>{f.number(c.value)}</span>
        </li>
      ))}
    </ul>
  );
}
