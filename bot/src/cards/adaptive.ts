// A typed subset of the Adaptive Card schema 1.5 (what Teams renders for bots), so the builders are
// checked by the compiler instead of by a template engine at run time. Plain JSON: no SDK types.
// https://adaptivecards.io/explorer/ — only the elements and properties this product uses.

export const CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
export const CARD_VERSION = "1.5";
/** Content type of an Adaptive Card attachment and of an invoke response carrying one. */
export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

type Color = "default" | "dark" | "light" | "accent" | "good" | "warning" | "attention";
type Spacing = "none" | "small" | "default" | "medium" | "large" | "extraLarge" | "padding";
type ContainerStyle = "default" | "emphasis" | "good" | "attention" | "warning" | "accent";

export interface TextBlock {
  type: "TextBlock";
  text: string;
  id?: string;
  wrap?: boolean;
  size?: "small" | "default" | "medium" | "large" | "extraLarge";
  weight?: "lighter" | "default" | "bolder";
  color?: Color;
  isSubtle?: boolean;
  spacing?: Spacing;
  separator?: boolean;
  /** Schema 1.5: marks headings for screen readers. */
  style?: "default" | "heading";
  maxLines?: number;
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet {
  type: "FactSet";
  facts: Fact[];
  spacing?: Spacing;
  separator?: boolean;
}

export interface Container {
  type: "Container";
  items: Element[];
  id?: string;
  style?: ContainerStyle;
  spacing?: Spacing;
  separator?: boolean;
  bleed?: boolean;
}

export interface Column {
  type: "Column";
  items: Element[];
  width?: "auto" | "stretch" | string | number;
  style?: ContainerStyle;
  verticalContentAlignment?: "top" | "center" | "bottom";
  minHeight?: string;
}

export interface ColumnSet {
  type: "ColumnSet";
  columns: Column[];
  spacing?: Spacing;
  separator?: boolean;
}

export interface ActionSet {
  type: "ActionSet";
  actions: Action[];
  spacing?: Spacing;
  separator?: boolean;
}

interface InputBase {
  id: string;
  /** Schema 1.3+: the visible, accessible label of the input. */
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: Spacing;
  separator?: boolean;
}

export interface InputText extends InputBase {
  type: "Input.Text";
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
}

export interface InputNumber extends InputBase {
  type: "Input.Number";
  value?: number;
  min?: number;
  max?: number;
  placeholder?: string;
}

export interface Choice {
  title: string;
  value: string;
}

export interface InputChoiceSet extends InputBase {
  type: "Input.ChoiceSet";
  choices: Choice[];
  value?: string;
  style?: "compact" | "expanded";
  placeholder?: string;
  isMultiSelect?: false;
}

export type Input = InputText | InputNumber | InputChoiceSet;
export type Element = TextBlock | FactSet | Container | ColumnSet | ActionSet | Input;

/** Universal Action (schema 1.4+): Teams sends it to the bot as an `adaptiveCard/action` invoke. */
export interface ExecuteAction {
  type: "Action.Execute";
  /** Every button has one; only the refresh action, which nobody sees, goes without. */
  title?: string;
  verb: string;
  data?: Record<string, unknown>;
  id?: string;
  style?: "default" | "positive" | "destructive";
  /** "none" skips the inputs (and their client-side validation), e.g. for Cancel. */
  associatedInputs?: "auto" | "none";
  tooltip?: string;
}

export type Action = ExecuteAction;

export interface Refresh {
  action: ExecuteAction;
  /** Teams user ids (at most 60) whose view is refreshed automatically when they see the card. */
  userIds?: string[];
}

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: typeof CARD_SCHEMA;
  version: typeof CARD_VERSION;
  body: Element[];
  actions?: Action[];
  refresh?: Refresh;
  /** Text Teams shows when the card cannot be rendered (and in notifications). */
  fallbackText?: string;
  /** Schema 1.5: how the card is spoken by screen readers when it has no other description. */
  speak?: string;
  msteams?: { width?: "Full" };
}

export function card(parts: Omit<AdaptiveCard, "type" | "$schema" | "version">): AdaptiveCard {
  return { type: "AdaptiveCard", $schema: CARD_SCHEMA, version: CARD_VERSION, ...parts };
}

export function textBlock(text: string, props: Omit<TextBlock, "type" | "text"> = {}): TextBlock {
  return { type: "TextBlock", text, wrap: true, ...props };
}

export function heading(text: string, props: Omit<TextBlock, "type" | "text"> = {}): TextBlock {
  return textBlock(text, { weight: "bolder", size: "medium", style: "heading", ...props });
}

export function container(items: Element[], props: Omit<Container, "type" | "items"> = {}): Container {
  return { type: "Container", items, ...props };
}

export function execute(
  title: string,
  verb: string,
  data: Record<string, unknown>,
  props: Omit<ExecuteAction, "type" | "title" | "verb" | "data"> = {},
): ExecuteAction {
  return { type: "Action.Execute", title, verb, data, ...props };
}

/** Size of a card as Teams counts it (UTF-8 bytes of its JSON). Teams refuses messages over ~100 KB. */
export function cardBytes(value: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

/** A message activity carrying one card, as plain JSON: what teams/ posts, whoever prepared it. */
export interface CardActivity {
  type: "message";
  attachments: [{ contentType: typeof CARD_CONTENT_TYPE; content: AdaptiveCard }];
  /** What Teams shows in notifications and the chat list. */
  summary?: string;
}

export function cardActivity(value: AdaptiveCard): CardActivity {
  return {
    type: "message",
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: value }],
    ...(value.fallbackText ? { summary: value.fallbackText } : {}),
  };
}
