import { randomBytes } from 'node:crypto';
import { ApiClient } from './http-client';

export interface Staff {
  id: string;
  email: string;
  name: string;
  roles: string[];
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
  return { ...created.body, api: admin.as(login.body.accessToken) };
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
