/**
 * The offline prompt helper: the `local` text provider, which needs no key and no network. It is
 * rules, not a model, and says so: it cuts a prompt into clauses, sorts them into subject, style,
 * lighting and composition by keyword, fills what is missing from the feature registry's row, and
 * puts it back together with every token where it was. Its answers stream word by word like a
 * model's (LOCAL_TEXT_CHUNK_DELAY_MS apart) so the streaming paths are exercised offline.
 */
import { features, findFeature } from "../domain/features/registry.ts";
import { findTokens, normalizeTokenName, tokenOccurrences } from "../domain/personalization-tokens.ts";
import type { TextAdapter, TextEvent, TextTask } from "./text-types.ts";

export const localHelperNotice = "Offline prompt helper (rules, not an AI model).";

type Part = "subject" | "style" | "lighting" | "composition";

const KEYWORDS: ReadonlyArray<[Exclude<Part, "subject">, RegExp]> = [
  [
    "lighting",
    /\b(light(ing|s)?|lit|backlit|sun(set|rise|light|lit)?|golden hour|blue hour|shadows?|glow(ing)?|moody|dusk|dawn|night|candle|neon glow|rim light)\b/i,
  ],
  [
    "composition",
    /\b(close-?up|wide(-| )?(shot|angle)|full(-| )body|cent(er|re)d?|background|foreground|rule of thirds|overhead|top-down|aerial|framing|framed|shot|symmetr\w*|portrait orientation|landscape orientation|low angle|high angle|macro)\b/i,
  ],
  [
    "style",
    /\b(style|styled|watercolou?r|oil painting|painted|painting|anime|cartoon|ghibli|photo(graph(ic|y)?|realistic)?|illustration|illustrated|3d|render(ed)?|pixel art|sketch|comic|vintage|retro|minimalis(t|m)|cinematic|pastel|neon|art deco|claymation|low-poly|surreal)\b/i,
  ],
];

const DEFAULTS: Readonly<Record<Exclude<Part, "subject">, string>> = {
  style: "clean, detailed digital illustration",
  lighting: "soft, even key light with gentle shadows",
  composition: "subject centred, uncluttered background",
};

const LIGHTING_IDEAS = [
  "warm golden-hour sunlight",
  "dramatic side light with deep shadows",
  "soft overcast daylight",
  "glowing neon at night",
];
const COMPOSITION_IDEAS = [
  "head-and-shoulders close-up",
  "wide shot with room to breathe",
  "low angle, looking up at the subject",
  "rule-of-thirds framing",
];

export interface PromptStructure {
  subject: string;
  style: string;
  lighting: string;
  composition: string;
  /** Which parts the prompt itself supplied (the rest came from defaults). */
  given: Part[];
}

/** The feature's own style phrase: its registry template without the person's prompt. */
function featureStyle(feature: string): string | undefined {
  const template = findFeature(feature)?.promptTemplate;
  if (!template) return undefined;
  return template.replace("{{prompt}}", "").replace(/^[\s,]+|[\s,.]+$/g, "").replace(/\s+/g, " ");
}

/** Splits on , ; . and line breaks outside tokens (a fallback may hold a comma). */
function clauses(prompt: string): string[] {
  const tokens = tokenOccurrences(prompt);
  let masked = "";
  let rest = prompt;
  for (const [index, token] of tokens.entries()) {
    const at = rest.indexOf(token);
    masked += `${rest.slice(0, at)}\uE000${index}\uE000`;
    rest = rest.slice(at + token.length);
  }
  masked += rest;
  return masked
    .split(/[,;\n]|\.(?:\s|$)/)
    .map((clause) => clause.replace(/\uE000(\d+)\uE000/g, (_, index) => tokens[Number(index)]).trim())
    .filter((clause) => clause !== "");
}

/** The prompt sorted into its four parts; every token stays in the subject, in order. */
export function structurePrompt(prompt: string, feature: string): PromptStructure {
  const found: Record<Part, string[]> = { subject: [], style: [], lighting: [], composition: [] };
  for (const clause of clauses(prompt)) {
    const part = tokenOccurrences(clause).length > 0
      ? "subject"
      : KEYWORDS.find(([, pattern]) => pattern.test(clause))?.[0] ?? "subject";
    found[part].push(clause);
  }
  if (found.subject.length === 0) found.subject.push(found.style.shift() ?? "a striking scene");
  const pick = (part: Exclude<Part, "subject">, fallback: string) =>
    found[part].length > 0 ? found[part].join(", ") : fallback;
  return {
    subject: found.subject.join(", "),
    style: pick("style", featureStyle(feature) ?? DEFAULTS.style),
    lighting: pick("lighting", DEFAULTS.lighting),
    composition: pick("composition", DEFAULTS.composition),
    given: (Object.keys(found) as Part[]).filter((part) => found[part].length > 0),
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function joinStructure(structure: Omit<PromptStructure, "given">): string {
  return `${
    capitalise(structure.subject)
  }. Style: ${structure.style}. Lighting: ${structure.lighting}. Composition: ${structure.composition}.`;
}

/** A simple, stable hash, so the same draft always gets the same ideas. */
function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 16777619);
  return value >>> 0;
}

function recommendations(task: Extract<TextTask, { kind: "recommendations" }>) {
  const structure = structurePrompt(task.draft, task.feature);
  const seed = hash(`${task.feature}\n${task.draft}`);
  const lighting = LIGHTING_IDEAS[seed % LIGHTING_IDEAS.length];
  const composition = COMPOSITION_IDEAS[(seed >> 4) % COMPOSITION_IDEAS.length];
  const suggestions = [
    { title: "Restructured", prompt: joinStructure(structure) },
    { title: "New light", prompt: joinStructure({ ...structure, lighting }) },
    { title: "New framing", prompt: joinStructure({ ...structure, composition }) },
  ];
  // Ideas from the registry: the draft in other features' styles.
  for (const other of features.filter((feature) => feature.slug !== task.feature).slice(0, 2)) {
    suggestions.push({
      title: `As ${other.title.toLowerCase()}`,
      prompt: joinStructure({ ...structure, style: featureStyle(other.slug) ?? structure.style }),
    });
  }
  const used = findTokens(task.draft).map((token) => token.name);
  const unused = task.tokenNames.map(normalizeTokenName).filter((name) => !used.includes(name));
  if (unused[0]) {
    suggestions.push({
      title: `Personalised with [${unused[0]}]`,
      prompt: joinStructure({
        ...structure,
        subject: `${structure.subject}, with "[${unused[0]}]" written on a sign`,
      }),
    });
  }
  return JSON.stringify({ suggestions: suggestions.slice(0, 6) });
}

function assistantAnswer(task: Extract<TextTask, { kind: "assistant" }>): string {
  const asked = [...task.messages].reverse().find((message) => message.role === "user")?.content ?? "";
  const base = task.prompt.trim() || asked;
  const structure = structurePrompt(base, task.feature);
  // What the person asked for overrides the matching part of the prompt.
  const wish = task.prompt.trim() ? structurePrompt(asked, task.feature) : undefined;
  const merged = { ...structure };
  for (const part of ["style", "lighting", "composition"] as const) {
    if (wish?.given.includes(part)) merged[part] = wish[part];
  }
  const changed = wish
    ? (["style", "lighting", "composition"] as const).filter((p) => wish.given.includes(p))
    : [];
  return [
    `${localHelperNotice} I sorted your prompt into four parts.`,
    `Subject: ${merged.subject}.`,
    `Style: ${merged.style}.`,
    `Lighting: ${merged.lighting}.`,
    `Composition: ${merged.composition}.`,
    changed.length
      ? `I took the ${changed.join(" and ")} from your message and kept every token where it was.`
      : "Name a style, a light or a framing in your message and I will work it in; every token stays where it was.",
    `Prompt: ${joinStructure(merged)}`,
  ].join("\n");
}

function answerFor(task: TextTask): string {
  switch (task.kind) {
    case "recommendations":
      return recommendations(task);
    case "polish":
      return joinStructure(structurePrompt(task.prompt, task.feature));
    case "assistant":
      return assistantAnswer(task);
  }
}

/** Roughly four characters a token, as the providers' tokenizers average for English. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export const streamOffline: TextAdapter = async function* (request, context): AsyncGenerator<TextEvent> {
  const answer = answerFor(request.task);
  // Word by word, each chunk with the spaces after it, as a model streams.
  const chunks = answer.match(/\S+\s*/g) ?? [answer];
  for (const [index, chunk] of chunks.entries()) {
    request.signal.throwIfAborted();
    if (index > 0 && context.localChunkDelayMs > 0) {
      await context.sleep(context.localChunkDelayMs, request.signal);
    }
    yield { type: "delta", text: chunk };
  }
  yield {
    type: "usage",
    inputTokens: estimateTokens(request.instructions),
    outputTokens: estimateTokens(answer),
  };
};
