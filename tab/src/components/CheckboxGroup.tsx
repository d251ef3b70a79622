// A labelled group of checkboxes. Fluent's Field gives its one id to the control inside it, so several
// checkboxes in one Field would share an id (and a label); a fieldset with a legend labels the group.
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  fieldset: { border: "none", margin: 0, padding: 0, minWidth: 0 },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export function CheckboxGroup({
  legend,
  error,
  className,
  children,
}: {
  legend: string;
  error?: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{legend}</legend>
      <div className={className}>{children}</div>
      {error && (
        <Text role="alert" className={styles.error}>
          {error}
        </Text>
      )}
    </fieldset>
  );
}
