// The one shape of every admin dialog: a title, an optional line that describes it, the fields, the
// server's objections (next to the fields they concern, the rest above the buttons), cancel and submit.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  Text,
  tokens,
  useId,
} from "@fluentui/react-components";
import { useCallback, useState, type ReactElement, type ReactNode } from "react";
import { ApiError } from "../../api/client";
import { ErrorMessage } from "../../components/feedback";
import { useI18n } from "../../i18n/i18n";
import { otherFieldErrors } from "./shared";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM },
  // Room for three fields side by side (the surface's default 600 px cut the third off); on a narrow
  // screen the surface stays within the window and the rows wrap.
  wide: { maxWidth: "min(56rem, calc(100vw - 2rem))", width: "100%" },
});

export interface FormDialogProps {
  title: ReactNode;
  /** Read out with the title (the dialog's aria-describedby); fields never are. */
  description?: ReactNode;
  /**
   * Shown while true. Close a dialog by setting this false, never by unmounting it while open: an
   * unmounted open Dialog leaves aria-hidden on the page (fluentui#35139). useDialogState does this.
   */
  open: boolean;
  /** A button that opens the dialog, rendered in its place. */
  trigger?: ReactElement;
  onOpen?(): void;
  onClose(): void;
  submitLabel: string;
  onSubmit(): void;
  busy?: boolean;
  /** The last submit's error. */
  error?: unknown;
  /** Wide enough for rows of three fields (the new round's names, its deadline and reminders). */
  wide?: boolean;
  /** The fields that show their own errors (`name` covers `name.fi`); any other error shows as a whole. */
  fields?: readonly string[];
  children?: ReactNode;
}

export function FormDialog({
  title,
  description,
  open,
  trigger,
  onOpen,
  onClose,
  submitLabel,
  onSubmit,
  busy = false,
  error,
  wide = false,
  fields = [],
  children,
}: FormDialogProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const descriptionId = useId("dialog-description");
  const fieldsShowAll =
    error instanceof ApiError && error.fields.length > 0 && otherFieldErrors(error, fields).length === 0;
  const surface = (
    <DialogSurface
      aria-describedby={description ? descriptionId : undefined}
      className={wide ? styles.wide : undefined}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.form}>
            {description && <Text id={descriptionId}>{description}</Text>}
            {children}
            {error !== undefined && !fieldsShowAll && <ErrorMessage error={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              {t("cancel")}
            </Button>
            <Button appearance="primary" type="submit" disabled={busy}>
              {submitLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </form>
    </DialogSurface>
  );
  const onOpenChange = (next: boolean) => (next ? onOpen?.() : onClose());
  // Fluent's Dialog takes the trigger and the surface as exactly one or two elements.
  return trigger ? (
    <Dialog open={open} onOpenChange={(_, d) => onOpenChange(d.open)}>
      <DialogTrigger disableButtonEnhancement>{trigger}</DialogTrigger>
      {surface}
    </Dialog>
  ) : (
    <Dialog open={open} onOpenChange={(_, d) => onOpenChange(d.open)}>
      {surface}
    </Dialog>
  );
}

export interface DialogState<T> {
  /** What the dialog is about (a person, an action); kept while it closes. */
  value: T | undefined;
  open: boolean;
  /** A new key for each opening, so the dialog's fields start afresh. */
  key: number;
  show(value: T): void;
  close(): void;
}

/** A dialog opened for something, and closed by its `open` flag so Fluent can tidy up after it. */
export function useDialogState<T>(): DialogState<T> {
  const [state, setState] = useState<{ value: T; open: boolean; key: number }>();
  const show = useCallback(
    (value: T) => setState((s) => ({ value, open: true, key: (s?.key ?? 0) + 1 })),
    [],
  );
  const close = useCallback(() => setState((s) => s && { ...s, open: false }), []);
  return { value: state?.value, open: state?.open ?? false, key: state?.key ?? 0, show, close };
}
