-- 100,000 licences for the public-register benchmark (bench/register_bench.sh): providers with
-- varied names, legal forms, sectors and areas; licences mostly granted, some suspended,
-- revoked or refused. Portable SQL (SQLite and PostgreSQL). Run on a freshly migrated database.
INSERT INTO checklist_versions (version, items, created_by, created_at) VALUES (1, '[]', NULL, 0);
INSERT INTO areas (code, name, region, imd_score_micros) VALUES
  ('E08000003', 'Manchester', 'North West', 40037000),
  ('E06000001', 'Hartlepool', 'North East', 35037000),
  ('E09000007', 'Camden', 'London', 20001000),
  ('E08000025', 'Birmingham', 'West Midlands', 38067000);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO providers (name, created_at, legal_form, size)
SELECT (CASE i % 7 WHEN 0 THEN 'Northern Pathways' WHEN 1 THEN 'Bright Futures'
                   WHEN 2 THEN 'Hope Street' WHEN 3 THEN 'Second Chances'
                   WHEN 4 THEN 'Open Door' WHEN 5 THEN 'Riverside' ELSE 'Kinship' END)
       || ' ' || i || (CASE i % 3 WHEN 0 THEN ' Trust' WHEN 1 THEN ' Ltd' ELSE ' Mutual' END),
       0,
       (CASE i % 3 WHEN 0 THEN 'charity' WHEN 1 THEN 'company' ELSE 'mutual' END),
       (CASE i % 4 WHEN 0 THEN 'micro' WHEN 1 THEN 'small' WHEN 2 THEN 'medium' ELSE 'large' END)
FROM n;
INSERT INTO provider_name_words (word, provider_id)
SELECT LOWER(CASE id % 7 WHEN 0 THEN 'Northern' WHEN 1 THEN 'Bright' WHEN 2 THEN 'Hope'
                  WHEN 3 THEN 'Second' WHEN 4 THEN 'Open' WHEN 5 THEN 'Riverside' ELSE 'Kinship' END),
       id FROM providers;
INSERT INTO provider_name_words (word, provider_id) SELECT CAST(id AS TEXT), id FROM providers;
INSERT INTO provider_sectors (provider_id, sector)
SELECT id, (CASE id % 5 WHEN 0 THEN 'employment' WHEN 1 THEN 'skills' WHEN 2 THEN 'addiction'
                       WHEN 3 THEN 'mental_health' ELSE 'early_years' END)
FROM providers;
INSERT INTO provider_areas (provider_id, area_code)
SELECT id, (CASE id % 4 WHEN 0 THEN 'E08000003' WHEN 1 THEN 'E06000001' WHEN 2 THEN 'E09000007'
                       ELSE 'E08000025' END)
FROM providers;
INSERT INTO licences (provider_id, kind, status, checklist_version, evidence, applied_at,
                      granted_on)
SELECT id, (CASE WHEN id % 10 = 0 THEN 'clinical_governance' ELSE 'general' END),
       (CASE WHEN id % 50 = 0 THEN 'suspended' WHEN id % 97 = 0 THEN 'revoked'
             WHEN id % 31 = 0 THEN 'refused' ELSE 'granted' END),
       1, '{}', 0, '2025-06-01'
FROM providers;
