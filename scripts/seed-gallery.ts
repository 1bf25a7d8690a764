/**
 * Gives one user a large gallery: `npm run seed:gallery -- --email E --password P --count 100000
 * [--data .data] [--replace]`. Run it while the platform is NOT running on that data dir (PGlite
 * allows one process). It migrates the database (DATABASE_URL when set, else PGlite under
 * <data>/pgdata), creates the auth user with that password or sets the password of the existing
 * one, stores a few placeholder originals and WebP thumbnails the way the local Storage does
 * (a storage.objects row plus the file under <data>/storage/images/<userId>/seed/), and inserts
 * the image rows in one generate_series statement: prompts from word lists, four models, three
 * features, dates over the past year, one in eleven a favourite. Start the platform on the same
 * --data (and DATABASE_URL) afterwards; signed thumbnail URLs then serve the placeholders.
 */
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import type { PlatformDb } from "../supabase/functions/_shared/db/db.ts";
import { createPostgresDb } from "../supabase/functions/_shared/db/postgres-db.ts";
import { encodePngRgb } from "../supabase/functions/_shared/images/png.ts";
import { makeWebpThumbnail } from "../supabase/functions/_shared/images/thumbnail.ts";
import { findUserByEmail, validEmail } from "../supabase/local/auth/users.ts";
import { assertAcceptablePassword, hashPassword } from "../supabase/local/auth/passwords.ts";
import { migrate } from "../supabase/local/db/migrate.ts";
import { createPgliteDb } from "../supabase/local/db/pglite-db.ts";
import { ObjectFiles } from "../supabase/local/storage/object-files.ts";

const supabaseDir = new URL("../supabase/", import.meta.url);

const adjectives = [
  "misty",
  "golden",
  "neon",
  "quiet",
  "ancient",
  "frozen",
  "vibrant",
  "lonely",
  "stormy",
  "sunlit",
  "surreal",
  "minimal",
  "cosy",
  "haunted",
  "futuristic",
  "pastel",
];
const subjects = [
  "lighthouse",
  "harbour",
  "forest",
  "robot",
  "cathedral",
  "mountain lake",
  "city street",
  "desert",
  "portrait of a fox",
  "teacup",
  "waterfall",
  "spaceship",
  "bakery",
  "library",
  "garden",
  "train station",
  "koi pond",
  "volcano",
  "bicycle",
];
const settings = [
  "at dawn",
  "at sunset",
  "in the rain",
  "under the stars",
  "in winter",
  "in autumn",
  "at noon",
  "in fog",
  "by candlelight",
  "after the storm",
  "in spring",
];
const styles = [
  "oil painting",
  "watercolour",
  "35mm photo",
  "pixel art",
  "isometric render",
  "charcoal sketch",
  "studio photograph",
  "anime still",
  "linocut print",
];
export const seedModels = ["local-render", "gpt-image-1", "imagen-4", "gemini-2.5-flash-image"];
const providers = ["local", "openai", "imagen", "gemini"];
export const seedFeatures = ["ai-image", "batch", "upload"];

export async function openDatabase(dataDir: string): Promise<PlatformDb> {
  await Deno.mkdir(dataDir, { recursive: true });
  const url = Deno.env.get("DATABASE_URL");
  return url ? createPostgresDb(url, { max: 2 }) : await createPgliteDb(`${dataDir}/pgdata`);
}

/** The auth user with this email and password, as the local Auth stores it (bcrypt, confirmed). */
export async function ensureUser(db: PlatformDb, email: string, password: string): Promise<string> {
  const address = validEmail(email);
  assertAcceptablePassword(password, 6);
  const passwordHash = await hashPassword(password);
  return await db.asOwner(async (tx) => {
    const existing = await findUserByEmail(tx, address);
    if (existing) {
      await tx.query(
        "update auth.users set encrypted_password = $2, email_confirmed_at = coalesce(email_confirmed_at, now()) where id = $1",
        [
          existing.id,
          passwordHash,
        ],
      );
      return existing.id;
    }
    const [user] = await tx.query<{ id: string }>(
      `insert into auth.users
         (instance_id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
       values ('00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated', $1, $2, now(),
               $3::text::jsonb, '{}'::text::jsonb)
       returning id`,
      [address, passwordHash, JSON.stringify({ provider: "email", providers: ["email"] })],
    );
    return user.id;
  });
}

async function placeholderPng(index: number): Promise<Uint8Array> {
  const size = 512;
  const rgb = new Uint8Array(size * size * 3);
  // Hues a golden angle apart, so that neighbouring placeholders never look alike.
  const angle = (index * 137.5 * Math.PI) / 180;
  const hue = [0, 2, 4].map((phase) => 130 + 110 * Math.cos(angle + (phase * Math.PI) / 3));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const offset = (y * size + x) * 3;
      const shade = 0.45 + 0.55 * ((x + y) / (2 * size));
      rgb[offset] = hue[0] * shade;
      rgb[offset + 1] = hue[1] * shade;
      rgb[offset + 2] = hue[2] * shade;
    }
  }
  return await encodePngRgb(rgb, size, size);
}

async function storeObject(
  db: PlatformDb,
  files: ObjectFiles,
  userId: string,
  key: string,
  bytes: Uint8Array,
  mimetype: string,
) {
  const path = files.pathOf("images", key);
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeFile(path, bytes);
  const metadata = {
    eTag: `"${createHash("md5").update(bytes).digest("hex")}"`,
    size: bytes.length,
    mimetype,
    cacheControl: "max-age=3600",
    lastModified: new Date().toISOString(),
    contentLength: bytes.length,
    httpStatusCode: 200,
  };
  await db.asOwner((tx) =>
    tx.query(
      `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, version)
       values ('images', $1, $2::uuid, $2::text, $3::text::jsonb, $4)
       on conflict (bucket_id, name) do update set metadata = excluded.metadata, version = excluded.version,
         updated_at = now()`,
      [key, userId, JSON.stringify(metadata), crypto.randomUUID()],
    )
  );
}

/** A few shared originals and thumbnails in the user's folder; returns their [original, thumbnail] keys. */
export async function storePlaceholders(
  db: PlatformDb,
  dataDir: string,
  userId: string,
  count = 8,
): Promise<[string, string][]> {
  const files = new ObjectFiles(dataDir);
  const keys: [string, string][] = [];
  for (let index = 0; index < count; index++) {
    const png = await placeholderPng(index);
    const thumbnail = await makeWebpThumbnail(png);
    const original = `${userId}/seed/placeholder-${index}.png`;
    const small = `${userId}/seed/placeholder-${index}.thumb.webp`;
    await storeObject(db, files, userId, original, png, "image/png");
    await storeObject(db, files, userId, small, thumbnail.bytes, "image/webp");
    keys.push([original, small]);
  }
  return keys;
}

/** Inserts `count` image rows for the user in batches of one generate_series statement each. */
export async function insertSeedImages(
  db: PlatformDb,
  userId: string,
  count: number,
  placeholders: [string, string][],
): Promise<void> {
  const batch = 25_000;
  // Collecting the new trigrams in the index's pending list and merging them once is several
  // times faster than updating the index row by row; searches need it merged (and off) after.
  const trigramIndex = "public.images_resolved_prompt_trgm_idx";
  await db.asOwner((tx) => tx.query(`alter index ${trigramIndex} set (fastupdate = on)`));
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    await db.asOwner((tx) =>
      tx.query(
        `insert into public.images (user_id, prompt, resolved_prompt, model, provider, feature, is_favorite,
           storage_path, thumbnail_path, width, height, cost, settings, created_at)
         select $1::uuid, p.prompt, p.prompt, ($4::text[])[m.i], ($5::text[])[m.i], ($6::text[])[1 + n % 7 % 3],
                n % 11 = 0, ($7::text[])[1 + n % $9], ($8::text[])[1 + n % $9], 512, 512, 1 + n % 4,
                jsonb_build_object('size', '512x512', 'seed', n),
                now() - make_interval(secs => ($14::int - n) * (31536000.0 / $14::int) + (n::bigint * 7919 % 600))
           from generate_series($2::int + 1, $3::int) as n
          cross join lateral (select 1 + (n::bigint * 2654435761 % 4)::int as i) m
          cross join lateral (
            select initcap(($10::text[])[1 + (n::bigint * 40503 % cardinality($10::text[]))::int]) || ' ' ||
                   ($11::text[])[1 + (n::bigint * 9973 % cardinality($11::text[]))::int] || ' ' ||
                   ($12::text[])[1 + (n::bigint * 31 % cardinality($12::text[]))::int] || ', ' ||
                   ($13::text[])[1 + n % cardinality($13::text[])] || ' #' || n as prompt
          ) p`,
        [
          userId,
          start,
          end,
          seedModels,
          providers,
          seedFeatures,
          placeholders.map(([original]) => original),
          placeholders.map(([, thumbnail]) => thumbnail),
          placeholders.length,
          adjectives,
          subjects,
          settings,
          styles,
          count,
        ],
      )
    );
  }
  await db.asOwner(async (tx) => {
    await tx.query(`select gin_clean_pending_list('${trigramIndex}'::regclass)`);
    await tx.query(`alter index ${trigramIndex} set (fastupdate = off)`);
    // Fresh statistics, or the planner guesses at prompt searches over the new rows.
    await tx.query("analyze public.images");
  });
}

export async function seedGallery(
  db: PlatformDb,
  options: { dataDir: string; email: string; password: string; count: number; replace?: boolean },
): Promise<{ userId: string }> {
  await migrate(db, supabaseDir);
  const userId = await ensureUser(db, options.email, options.password);
  if (options.replace) {
    await db.asOwner((tx) => tx.query("delete from public.images where user_id = $1", [userId]));
  }
  const placeholders = await storePlaceholders(db, options.dataDir, userId);
  await insertSeedImages(db, userId, options.count, placeholders);
  return { userId };
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      count: { type: "string", default: "100000" },
      data: { type: "string", default: ".data" },
      replace: { type: "boolean", default: false },
    },
  });
  const count = Number(values.count);
  if (!values.email || !values.password || !Number.isInteger(count) || count < 0) {
    console.error(
      "Usage: npm run seed:gallery -- --email E --password P [--count 100000] [--data .data] [--replace]",
    );
    Deno.exit(2);
  }
  const started = performance.now();
  const db = await openDatabase(values.data);
  try {
    const { userId } = await seedGallery(db, {
      dataDir: values.data,
      email: values.email,
      password: values.password,
      count,
      replace: values.replace,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`seeded ${count} images for ${values.email} (${userId}) in ${seconds} s`);
  } finally {
    await db.close();
  }
}
