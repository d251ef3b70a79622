// Layouts the register's editors share: fields side by side (wrapping on narrow screens), or stacked.
import { makeStyles, tokens } from "@fluentui/react-components";

export const useFormStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(16rem, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  stack: { display: "grid", gap: tokens.spacingVerticalM },
});
