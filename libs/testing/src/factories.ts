import { randomBytes, randomUUID } from 'node:crypto';
import { queryTestDatabase } from './database-reset';
import { eventually } from './eventually';
import { ApiClient } from './http-client';

export interface Staff {
  id: string;
  email: string;
  name: string;
  roles: string[];
  /** to sign in through the desk's login form */
  password: string;
  api: ApiClient;
}

/** Creates a user through the API (as admin) and logs them in. */
export async function createStaff(admin: ApiClient, roles: string[], name?: string): Promise<Staff> {
  const suffix = randomBytes(4).toString('hex');
  const email = `${roles.join('-')}-${suffix}@newsroom.test`;
  const password = `rahasia-${suffix}`;
  const displayName = name ?? `${roles[0][0].toUpperCase()}${roles[0].slice(1)} ${suffix}`;
  const created = await admin.post('/users', { email, name: displayName, password, roles });
  if (created.status !== 201) throw new Error(`creating ${email} failed: ${created.status} ${created.text}`);
  const login = await admin.as(undefined).post('/auth/login', { email, password });
  return { ...created.body, password, api: admin.as(login.body.accessToken) };
}

export async function ensureRubric(api: ApiClient, slug = 'dunia', name = 'Dunia'): Promise<{ slug: string; name: string }> {
  const res = await api.post('/rubrics', { slug, name });
  if (res.status !== 201 && res.status !== 409) throw new Error(`creating rubric ${slug} failed: ${res.status} ${res.text}`);
  return { slug, name };
}

/**
 * The seed article (SEED-PAGE.md): our own writing, shaped like the portal's
 * world-news page. `overrides` replace fields.
 */
export function seedArticleInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    headline: 'Pakta Pertahanan Korut-Rusia Mulai Berlaku, Blok Barat Waspada',
    lead: 'Perjanjian kemitraan strategis antara Pyongyang dan Moskow resmi berlaku setelah kedua pihak bertukar dokumen ratifikasi.',
    body: [
      '<p>Perjanjian kemitraan strategis menyeluruh antara Korea Utara dan Rusia resmi berlaku pada Rabu, setelah kedua negara bertukar dokumen ratifikasi di Moskow.</p>',
      '<p>Pakta itu memuat klausul saling membantu apabila salah satu pihak diserang, sebuah ketentuan yang membuat negara-negara Barat menyatakan kewaspadaan.</p>',
      '<blockquote><p>"Perjanjian ini bersifat defensif dan tidak ditujukan kepada negara ketiga," demikian pernyataan kantor berita resmi yang dikutip media setempat.</p></blockquote>',
      '<p>Sejumlah analis menilai kerja sama tersebut akan memperdalam hubungan militer dan ekonomi kedua negara dalam beberapa tahun ke depan.</p>',
    ].join(''),
    rubric: 'dunia',
    image: {
      url: 'https://img.newsroom.test/2024/12/kim-putin.jpg',
      caption: 'Pemimpin Korea Utara Kim Jong Un dan Presiden Rusia Vladimir Putin',
      credit: 'Net',
    },
    tags: ['korea utara', 'rusia'],
    priority: 'normal',
    ...overrides,
  };
}

/**
 * An article put straight into the database in any status, for tests of one
 * step that need the steps before it done (role matrices, publishing races).
 * Writes the revision the workflow would have written.
 */
export async function insertArticle(options: {
  authorId: string;
  status: string;
  rubricSlug?: string;
  headline?: string;
  version?: number;
  publishedAt?: Date | null;
  scheduledFor?: Date | null;
  submittedAt?: Date | null;
  embargoUntil?: Date | null;
  priority?: 'normal' | 'breaking';
  /** a pending revision of this live article (at its version then), not an article of its own */
  revisionOf?: { id: string; version: number };
}): Promise<{ id: string; slug: string; version: number }> {
  const id = randomUUID();
  const suffix = randomBytes(3).toString('hex');
  const headline = options.headline ?? `Warga Menyambut Musim Hujan dengan Gotong Royong ${suffix}`;
  const slug = `${headline.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
  const version = options.version ?? 3;
  const body = seedArticleInput().body as string;
  const published = options.status === 'published' || options.status === 'unpublished';
  await queryTestDatabase(
    `insert into articles (id, slug, version, status, headline, lead, body, rubric_id, author_id, tags, priority, embargo_until,
       submitted_at, approved_version, scheduled_for, published_at, word_count, reading_minutes, created_at, updated_at, revision_of_id, revision_base_version)
     select $1, $2, $3, $4::article_status, $5, 'Teras berita.', $6, r.id, $7, '{}', $8::article_priority, $9, $10, $11, $12, $13, 60, 1, now(), now(), $15, $16
       from rubrics r where r.slug = $14`,
    [
      id,
      slug,
      version,
      options.status,
      headline,
      body,
      options.authorId,
      options.priority ?? 'normal',
      options.embargoUntil ?? null,
      options.submittedAt ?? (['draft', 'submitted'].includes(options.status) ? null : new Date()),
      ['approved', 'scheduled', 'published', 'unpublished'].includes(options.status) ? version : null,
      options.scheduledFor ?? null,
      options.publishedAt ?? (published ? new Date() : null),
      options.rubricSlug ?? 'dunia',
      options.revisionOf?.id ?? null,
      options.revisionOf?.version ?? null,
    ],
  );
  await queryTestDatabase(
    `insert into article_revisions (id, article_id, version, headline, lead, body, rubric_slug, tags, priority, created_at)
     values ($1, $2, 1, $3, 'Teras berita.', $4, $5, '{}', 'normal', now())`,
    [randomUUID(), id, headline, body, options.rubricSlug ?? 'dunia'],
  );
  return { id, slug, version };
}

/**
 * Many `scheduled` articles in one statement (a burst or a steady stream for
 * publishing tests and the benchmark): the i-th is due at `firstAt + i * everyMs`.
 * One set-based INSERT, because 10,000 rows one by one would take longer than
 * the burst they stand for. Each gets the revision the workflow would have
 * written. Returns the ids in slot order.
 */
export async function insertScheduledArticles(options: {
  authorId: string;
  count: number;
  firstAt: Date;
  everyMs?: number;
  embargoUntil?: Date | null;
  rubricSlug?: string;
  url?: string;
}): Promise<string[]> {
  const version = 3;
  const rows = await queryTestDatabase<{ id: string }>(
    `with inserted as (
       insert into articles (id, slug, version, status, headline, lead, body, rubric_id, author_id, tags, priority, embargo_until,
         submitted_at, approved_version, scheduled_for, word_count, reading_minutes, created_at, updated_at)
       select gen_random_uuid(), 'jadwal-' || $1 || '-' || g, $2, 'scheduled', 'Kabar Terjadwal ' || $1 || ' Nomor ' || g, 'Teras berita.', $3,
              r.id, $4, '{}', 'normal', $5, now(), $2, $6::timestamptz + g * $7 * interval '1 millisecond', 60, 1, now(), now()
         from rubrics r, generate_series(0, $8 - 1) g
        where r.slug = $9
       returning id, headline, body, scheduled_for
     ), revisions as (
       insert into article_revisions (id, article_id, version, headline, lead, body, rubric_slug, tags, priority, created_at)
       select gen_random_uuid(), id, 1, headline, 'Teras berita.', body, $9, '{}', 'normal', now() from inserted
     )
     select id from inserted order by scheduled_for, id`,
    [
      randomBytes(3).toString('hex'),
      version,
      seedArticleInput().body,
      options.authorId,
      options.embargoUntil ?? null,
      options.firstAt,
      options.everyMs ?? 0,
      options.count,
      options.rubricSlug ?? 'dunia',
    ],
    options.url,
  );
  if (rows.length !== options.count) throw new Error(`inserted ${rows.length} scheduled articles, not ${options.count} (is rubric ${options.rubricSlug ?? 'dunia'} there?)`);
  return rows.map((r) => r.id);
}

/**
 * A draft written, submitted and approved through the API, as the desk would:
 * the reporter submits, the drafts service hands it to review, the editor
 * claims and approves it. Returns once it is approved.
 */
export async function approvedThroughReview(reporter: { api: ApiClient }, editor: { api: ApiClient }, headline: string): Promise<{ id: string; slug: string }> {
  const created = await reporter.api.post('/drafts', { ...seedArticleInput(), headline });
  if (created.status !== 201) throw new Error(`creating the draft failed: ${created.status} ${created.text}`);
  const id: string = created.body.id;
  const submitted = await reporter.api.post(`/drafts/${id}/submit`);
  if (submitted.status !== 202) throw new Error(`submitting the draft failed: ${submitted.status} ${submitted.text}`);
  const inReview = await eventually(async () => {
    const res = await editor.api.get(`/drafts/${id}`);
    return res.body.status === 'in_review' ? res.body : undefined;
  }, { what: 'the draft to enter review' });
  for (const [path, body] of [[`/review-queue/${id}/claim`, undefined], [`/review-queue/${id}/approve`, { version: inReview.version }]] as const) {
    const res = await editor.api.post(path, body);
    if (res.status !== 200) throw new Error(`POST ${path} failed: ${res.status} ${res.text}`);
  }
  return { id, slug: created.body.slug as string };
}
