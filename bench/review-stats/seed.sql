-- 100,000 articles that went through review over the last 60 days, 8 history lines each
-- (created, submitted, review_started, claimed, released, claimed, decision, one edit),
-- 300 of them still in review; 5 rubrics. For the measured EXPLAIN in docs/BENCHMARKS.md. The history
-- lines get their queue entry (queue_entered_at, queue_prior_at) from the insert's trigger, like any writer's.
insert into users (id, email, name, password_hash, roles, created_at)
values ('00000000-0000-4000-8000-000000000001', 'bench-reporter@newsroom.test', 'Reporter', 'x', '{reporter}', now()),
       ('00000000-0000-4000-8000-000000000002', 'bench-editor@newsroom.test', 'Editor', 'x', '{editor}', now());
insert into rubrics (id, slug, name, created_at) select gen_random_uuid(), 'rubrik-' || i, 'Rubrik ' || i, now() from generate_series(1, 5) i;
insert into articles (id, slug, version, status, headline, lead, body, rubric_id, author_id, tags, priority, submitted_at, created_at, updated_at)
select gen_random_uuid(), 'bench-' || i, 6,
       (case when i <= 300 then 'in_review' else 'approved' end)::article_status,
       'Berita ' || i, null, '<p>Isi</p>',
       (select id from rubrics order by slug offset (i % 5) limit 1),
       '00000000-0000-4000-8000-000000000001', '{}',
       (case when i % 20 = 0 then 'breaking' else 'normal' end)::article_priority,
       now() - (i * interval '51 seconds'), now() - (i * interval '52 seconds'), now()
  from generate_series(1, 100000) i;
insert into article_events (article_id, at, actor_id, type, from_status, to_status, version)
select a.id, a.submitted_at + e.offset_s * interval '1 second', e.actor::uuid, e.type, e.from_s, e.to_s, e.v
  from articles a
  cross join (values
    (-120, '00000000-0000-4000-8000-000000000001', 'created', null, 'draft', 1),
    (-60, '00000000-0000-4000-8000-000000000001', 'submitted', 'draft', 'submitted', 2),
    (0, null, 'review_started', 'submitted', 'in_review', 3),
    (240, '00000000-0000-4000-8000-000000000002', 'claimed', 'in_review', 'in_review', 3),
    (300, '00000000-0000-4000-8000-000000000002', 'released', 'in_review', 'in_review', 3),
    (420, '00000000-0000-4000-8000-000000000002', 'claimed', 'in_review', 'in_review', 3),
    (900, '00000000-0000-4000-8000-000000000002', 'approved', 'in_review', 'approved', 4),
    (1200, '00000000-0000-4000-8000-000000000002', 'updated', 'approved', 'approved', 5)
  ) as e(offset_s, actor, type, from_s, to_s, v)
 where a.status = 'approved' or e.offset_s <= 0;
-- Vacuumed as autovacuum would have long before anyone reads the figures (its insert threshold is
-- 20% of the table): the stats read the window from an index alone, which needs the visibility map.
vacuum analyze;
