/**
 * Every route of the app: `path` is what the router matches, `href` builds a link to the page, and
 * where a page keeps state in its URL, `parse` reads that state back and `search` writes it into
 * the current params. A link is built here or nowhere, so a renamed route or parameter cannot leave
 * a stale copy behind.
 */

type SearchValues = Record<string, string | null | undefined>;

/**
 * `base` with `values` written in: an empty or null value is removed, so a plain page has a plain
 * URL, and an undefined one leaves what `base` has.
 */
function writeSearch(values: SearchValues, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const [name, value] of Object.entries(values)) {
    if (value) params.set(name, value);
    else if (value !== undefined) params.delete(name);
  }
  return params;
}

function withSearch(path: string, params: URLSearchParams): string {
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** A JSON object of strings from a URL param, or {} when it is missing or hand-mangled. */
function stringRecord(raw: string | null): Record<string, string> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}

function jsonUnlessEmpty(record: Record<string, string>): string | undefined {
  return Object.keys(record).length > 0 ? JSON.stringify(record) : undefined;
}

function staticRoute<Path extends string>(path: Path) {
  return { path, href: () => path };
}

const accountPath = "/account";

/** The query parameter that carries where to go back to after signing in (or up). */
const returnToParam = "next";

/**
 * A path inside this app to return to, or the fallback. Only same-origin paths are accepted so a
 * crafted link cannot send someone to another site after they sign in.
 */
export function safeReturnPath(value: string | null | undefined, fallback: string = accountPath): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

function authRoute<Path extends string>(path: Path) {
  return {
    path,
    /** `returnTo` is the path, search and hash to come back to once signed in. */
    href: ({ returnTo }: { returnTo?: string } = {}) =>
      withSearch(path, writeSearch({ [returnToParam]: returnTo })),
    /** Where to go once signed in (the account unless the link says otherwise), and whether it said. */
    parse: (params: URLSearchParams) => ({
      returnTo: safeReturnPath(params.get(returnToParam)),
      returning: params.has(returnToParam),
    }),
  };
}

/** What the gallery shows; lives in the URL so a view can be shared and survives a reload. */
export interface GalleryFilters {
  q: string;
  model: string;
  feature: string;
  favorite: boolean;
  album: string;
  /** Dates as YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
}

export const emptyGalleryFilters: GalleryFilters = {
  q: "",
  model: "",
  feature: "",
  favorite: false,
  album: "",
  from: "",
  to: "",
};

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validDate(value: string | null): string {
  return value && datePattern.test(value) && !Number.isNaN(Date.parse(value)) ? value : "";
}

/** Reads the filters from a URL, dropping what the server would refuse (a hand-edited link stays usable). */
function parseGalleryFilters(params: URLSearchParams): GalleryFilters {
  const album = params.get("album") ?? "";
  return {
    q: params.get("q")?.trim() ?? "",
    model: params.get("model") ?? "",
    feature: params.get("feature") ?? "",
    favorite: params.get("favorite") === "true",
    album: uuidPattern.test(album) ? album : "",
    from: validDate(params.get("from")),
    to: validDate(params.get("to")),
  };
}

function gallerySearch(filters: GalleryFilters, base?: URLSearchParams): URLSearchParams {
  return writeSearch(
    {
      q: filters.q.trim(),
      model: filters.model,
      feature: filters.feature,
      favorite: filters.favorite ? "true" : "",
      album: filters.album,
      from: filters.from,
      to: filters.to,
    },
    base,
  );
}

/** What the AI Image page starts from, such as the gallery's "Reuse settings" of an image. */
export interface AiImageSearch {
  prompt?: string;
  /** A catalog id; one that is unknown or unavailable falls back to the default model. */
  model?: string;
  /** Setting name → chosen value. */
  settings?: Record<string, string>;
  /** Token name → value. */
  tokens?: Record<string, string>;
}

const aiImagePath = "/features/ai-image";

export interface VideoSearch {
  /** The image to animate. */
  imageId?: string | null;
  /** The video open beside the form. */
  videoId?: string | null;
}

const videoPath = "/features/image-to-video";

function videoSearch({ imageId, videoId }: VideoSearch, base?: URLSearchParams): URLSearchParams {
  return writeSearch({ imageId, video: videoId }, base);
}

const batchPath = "/batch-generation";

function batchSearch({ batchId }: { batchId?: string | null }, base?: URLSearchParams): URLSearchParams {
  return writeSearch({ batch: batchId }, base);
}

export const paths = {
  home: staticRoute("/"),
  howItWorks: staticRoute("/how-it-works"),
  signIn: authRoute("/sign-in"),
  signUp: authRoute("/sign-up"),
  signOut: staticRoute("/sign-out"),
  resetPassword: staticRoute("/reset-password"),
  /** Where the password-reset email lands. */
  updatePassword: staticRoute("/update-password"),
  account: staticRoute(accountPath),
  /** Credit packs to buy, with the balance. */
  credits: staticRoute("/credits"),
  aiImage: {
    path: aiImagePath,
    href: ({ prompt, model, settings = {}, tokens = {} }: AiImageSearch = {}) =>
      withSearch(
        aiImagePath,
        writeSearch({ prompt, model, settings: jsonUnlessEmpty(settings), tokens: jsonUnlessEmpty(tokens) }),
      ),
    /** The link's values; settings and tokens that are not strings (or not JSON at all) are dropped. */
    parse: (params: URLSearchParams) => ({
      prompt: params.get("prompt") ?? "",
      model: params.get("model"),
      settings: stringRecord(params.get("settings")),
      tokens: stringRecord(params.get("tokens")),
    }),
  },
  batch: {
    path: batchPath,
    /** With a batch id, that batch's live page; without, a new batch. */
    href: (search: { batchId?: string | null } = {}) => withSearch(batchPath, batchSearch(search)),
    parse: (params: URLSearchParams) => ({ batchId: params.get("batch") }),
    search: batchSearch,
  },
  video: {
    path: videoPath,
    href: (search: VideoSearch = {}) => withSearch(videoPath, videoSearch(search)),
    parse: (params: URLSearchParams): Required<VideoSearch> => ({
      imageId: params.get("imageId"),
      videoId: params.get("video"),
    }),
    search: videoSearch,
  },
  gallery: {
    path: "/gallery",
    /** Unset filters are left out, so the plain gallery is just /gallery. */
    href: (filters: Partial<GalleryFilters> = {}) =>
      withSearch("/gallery", gallerySearch({ ...emptyGalleryFilters, ...filters })),
    parse: parseGalleryFilters,
    /** Writes the filters into `base` (its other params are kept). */
    search: gallerySearch,
    /** The image a link opens (`?image=<id>`, as a batch's results CSV links each row), else null. */
    parseImage: (params: URLSearchParams): string | null => {
      const image = params.get("image") ?? "";
      return uuidPattern.test(image) ? image : null;
    },
  },
};
