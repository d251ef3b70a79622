// The official `adaptivecards` renderer (the one the Adaptive Cards designer uses) in Node via jsdom,
// with markdown-it for TextBlock Markdown as the renderer's docs suggest. Parses a card, collects
// every parse and validation warning, renders it to HTML and lists the rendered inputs.
import { createRequire } from "node:module";
import MarkdownIt from "markdown-it";

const require = createRequire(import.meta.url);

/**
 * jsdom is loaded untyped on purpose: its type package pulls the DOM lib into the whole (Node)
 * compilation, where DOM's fetch types then reject Node's Buffer bodies elsewhere in the project.
 */
interface JsdomLike {
  window: Record<string, unknown> & { document: unknown };
}
const { JSDOM } = require("jsdom") as {
  JSDOM: new (html: string, options: { pretendToBeVisual: boolean }) => JsdomLike;
};

interface ParseEvent {
  message: string;
}

interface SerializationContextLike {
  eventCount: number;
  getEventAt(i: number): ParseEvent;
}

interface CardElementLike {
  id?: string;
  getJsonTypeName(): string;
}

interface AdaptiveCardLike {
  parse(json: unknown, context: SerializationContextLike): void;
  validateProperties(): { validationEvents: ParseEvent[] };
  render(): { outerHTML: string } | undefined;
  getAllInputs(): (CardElementLike & { label?: string })[];
  getAllActions(): (CardElementLike & { title?: string; verb?: string })[];
}

interface AdaptiveCardsModule {
  AdaptiveCard: {
    new (): AdaptiveCardLike;
    onProcessMarkdown?: (text: string, result: { didProcess: boolean; outputHtml?: string }) => void;
  };
  SerializationContext: new () => SerializationContextLike;
}

let module: AdaptiveCardsModule | undefined;

function load(): AdaptiveCardsModule {
  if (module) return module;
  // The package's entry point needs a DOM: give it jsdom's, once, for the whole test run.
  const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
  const g = globalThis as Record<string, unknown>;
  const w = dom.window;
  for (const key of Object.getOwnPropertyNames(dom.window)) {
    if (key in g) continue;
    if (
      /^(window|document|navigator|getComputedStyle|DOMParser|Node|Element|Event|HTML|SVG|KeyboardEvent|MouseEvent)/.test(
        key,
      )
    ) {
      g[key] = w[key];
    }
  }
  g.window ??= dom.window;
  g.document ??= dom.window.document;
  module = require("adaptivecards/dist/adaptivecards.js") as AdaptiveCardsModule;
  const markdown = new MarkdownIt({ html: false, linkify: false });
  module.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown.render(text);
    result.didProcess = true;
  };
  return module;
}

export interface RenderedCard {
  /** Parse and validation warnings of the official renderer, plus Teams rules it does not check. */
  warnings: string[];
  html: string;
  inputs: { id: string; type: string; label?: string }[];
  actions: { title?: string; verb?: string; type: string }[];
  /** UTF-8 bytes of the card's JSON. */
  bytes: number;
}

export function renderCard(json: unknown): RenderedCard {
  const AC = load();
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const warnings: string[] = [];
  for (let i = 0; i < context.eventCount; i++) warnings.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents) warnings.push(`validate: ${e.message}`);
  const element = card.render();
  if (!element) warnings.push("render: nothing rendered");
  const inputs = card
    .getAllInputs()
    .map((i) => ({ id: i.id ?? "", type: i.getJsonTypeName(), ...(i.label ? { label: i.label } : {}) }));
  const actions = card.getAllActions().map((a) => ({
    type: a.getJsonTypeName(),
    ...(a.title ? { title: a.title } : {}),
    ...(a.verb ? { verb: a.verb } : {}),
  }));
  // What the renderer does not flag but Teams needs.
  for (const a of actions) {
    if (a.type === "Action.Execute" && !a.verb)
      warnings.push(`teams: Action.Execute "${a.title}" has no verb`);
    if (!a.title) warnings.push(`teams: an action without a title`);
  }
  for (const input of inputs) if (!input.label) warnings.push(`a11y: input ${input.id} has no label`);
  const ids = inputs.map((i) => i.id);
  for (const id of new Set(ids))
    if (ids.filter((x) => x === id).length > 1) warnings.push(`input id ${id} is not unique`);
  const root = json as { version?: string; refresh?: { action?: { verb?: string }; userIds?: unknown[] } };
  if (root.version !== "1.5") warnings.push(`teams: schema ${root.version}, expected 1.5`);
  if (root.refresh && !root.refresh.action?.verb) warnings.push("teams: refresh action has no verb");
  if (root.refresh?.userIds && root.refresh.userIds.length > 60)
    warnings.push("teams: refresh.userIds over 60");
  return {
    warnings,
    html: element?.outerHTML ?? "",
    inputs,
    actions,
    bytes: Buffer.byteLength(JSON.stringify(json), "utf8"),
  };
}
